#!/usr/bin/env python3
"""Writes the sample corpus in samples/corpus/ from the hand-written texts below.

    python3 samples/scripts/make-sample-corpus.py [OUT_DIR]     # default: samples/corpus

Every text here was written for semsearch. The script adds what is tedious by hand: ids
(``sci-001``...), a year and an author for each document (drawn with a fixed seed, within the
years the text allows), a shuffled file order, and the query, relevance and pair files, which
refer to documents by the short keys used below so that editing the corpus never breaks them.
The output is the same on every run.

Files written:
  docs.jsonl      one document a line: id, title, text, section, year, author
  queries.tsv     qid<TAB>text, with a header line
  qrels.tsv       qid<TAB>docid<TAB>relevance (2: answers the query, 1: related), with a header line
  pairs.tsv       docid1<TAB>docid2<TAB>kind (paraphrase or near-duplicate), with a header line

Short documents are written as blocks separated by blank lines:

    key[@MIN_YEAR] | Title
    Text, on as many lines as needed (joined with spaces).

MIN_YEAR is the first year the text could have been written in (it mentions a later event or
gadget); the year is drawn between it (or the section's default) and 2025.
"""

import json
import os
import random
import re
import sys
import textwrap

SEED = 20240611
LAST_YEAR = 2025

# section -> (id prefix, earliest year, [(author, weight), ...])
SECTIONS = {
    "science": ("sci", 1950, [("Elin Marsh", 5), ("Kwame Asante", 4), ("Felix Ambrose", 1)]),
    "history": ("hist", 1950, [("Tobias Renwick", 5), ("Saoirse Lannigan", 4), ("Felix Ambrose", 1)]),
    "technology": ("tech", 2000, [("Kwame Asante", 5), ("Hana Moriyasu", 4), ("Felix Ambrose", 1)]),
    "cooking": ("cook", 1950, [("Nadia Ferrante", 5), ("Saoirse Lannigan", 4), ("Felix Ambrose", 1)]),
    "travel": ("travel", 1950, [("Ines Valcourt", 5), ("Nadia Ferrante", 4), ("Felix Ambrose", 1)]),
    "health": ("health", 1950, [("Elin Marsh", 5), ("Dorian Pike", 4), ("Felix Ambrose", 1)]),
    "sports": ("sport", 1950, [("Dorian Pike", 5), ("Hana Moriyasu", 4), ("Felix Ambrose", 1)]),
    "arts": ("arts", 1950, [("Ines Valcourt", 5), ("Tobias Renwick", 4), ("Felix Ambrose", 1)]),
}

SHORT = {}  # section -> block text
LONG = []   # (section, key, min_year or None, title, text with blank lines between paragraphs)

SHORT["science"] = r"""
sky-blue | Why is the sky blue?
Sunlight contains every colour, but the blue part is scattered much more strongly by the gases
in the air than red or yellow light. That scattered blue light reaches our eyes from every
direction, so the whole sky looks blue on a clear day.

rayleigh-scatter | Scattering of short wavelengths in the atmosphere
Air molecules deflect short wavelengths of light far more than long ones, an effect known as
Rayleigh scattering. Because of it the daytime heavens take on an azure tint, while at sunset,
when light crosses much more air and loses its shorter wavelengths along the way, they glow
orange and red.

boil-altitude | Cooking at altitude
Water boils at a lower temperature high in the mountains. In a town 2,500 metres above sea level
it bubbles at roughly 92 °C, so pasta, rice and beans take noticeably longer to cook.

pressure-boil | Air pressure and the boiling point
Where the atmosphere is thinner, less pressure presses down on a liquid, so it reaches its boiling
point sooner. That is why climbers find their tea water bubbling well short of one hundred degrees
Celsius, and why food simmers more slowly up there.

moon-tides | What causes the tides
The Moon's gravity pulls on the oceans, raising a bulge of water on the side of the Earth facing
it and another on the far side. As the planet rotates through these bulges, most coasts see two
high tides and two low tides a day.

lunar-pull | Why the sea rises and falls twice a day
The regular advance and retreat of the sea along a shoreline is driven mostly by the gravitational
tug of our natural satellite, with the Sun adding a smaller share. When both line up, at new and
full moon, the swings are largest; these are called spring tides.

photosynthesis | Photosynthesis in brief
Green plants use the energy in sunlight to turn carbon dioxide and water into sugar, releasing
oxygen as a by-product. The reaction takes place in chloroplasts, which contain the pigment
chlorophyll.

dna-helix | The double helix
DNA is made of two strands wound around each other in a double helix. Each strand is a chain of
four chemical bases, and the order of those bases spells out the instructions for building
proteins.

speed-light | How fast light travels
Light covers about 300,000 kilometres every second in a vacuum. Even at that speed, sunlight needs
a little over eight minutes to reach the Earth, so we always see the Sun as it was a few minutes
ago.

black-hole | What is a black hole?
A black hole is a region where gravity is so strong that nothing, not even light, can escape once
it has crossed the boundary called the event horizon. Most form when very massive stars collapse
at the end of their lives.

grav-waves@2016 | Ripples in spacetime
In 2015 two detectors in the United States picked up gravitational waves for the first time. The
signal, which lasted a fraction of a second, came from two black holes merging more than a billion
light-years away.

ice-floats | Why ice floats
Most substances are denser as solids, but water is an exception: as it freezes, its molecules lock
into an open crystal lattice that takes up more room. Ice is therefore lighter than liquid water
and floats, which stops lakes from freezing solid from the bottom up.

waggle-dance | The waggle dance
Honeybees tell their nest-mates where to find flowers by dancing. The angle of the waggle run
relative to vertical shows the direction of the food relative to the sun, and its length indicates
how far away it is.

octopus | Clever cephalopods
Octopuses have around 500 million neurons, most of them in their arms rather than in the central
brain. They can open jars, squeeze through gaps barely wider than their beak and change the colour
and texture of their skin in a fraction of a second.

volcano-types | Shield volcanoes and stratovolcanoes
Shield volcanoes, such as those of Hawaii, are broad and gently sloped because their runny lava
flows a long way before it cools. Stratovolcanoes are steep cones built from layers of ash and
sticky lava, and they tend to erupt explosively.

quake-scale@1980 | Measuring earthquakes
Seismologists describe the size of an earthquake with the moment magnitude scale. Each whole step
on the scale corresponds to roughly 32 times more energy released, so a magnitude 7 quake releases
about a thousand times the energy of a magnitude 5.

canine-diet | Canine nutrition through the first year
Young dogs need more protein and more calories per kilogram than adult animals, and food
formulated for growth supports their developing bones and joints. Grapes, raisins, onions and
chocolate are toxic to them and should never be shared from the table.

cat-sleep | Why cats sleep so much
Domestic cats sleep twelve to sixteen hours a day. As predators built for short bursts of hunting,
they save energy between them, and they are most active around dawn and dusk.

antibiotic-resistance | Antibiotic resistance
When antibiotics are overused, the few bacteria that happen to survive a treatment multiply and
pass on their resistance. Avoiding antibiotics for viral infections and taking them only as
prescribed slows the spread of resistant strains.

greenhouse@1980 | The greenhouse effect
Gases such as carbon dioxide and methane let sunlight through but absorb part of the heat the
Earth radiates back into space, warming the lower atmosphere. Without them the planet would
average well below freezing; burning coal, oil and gas has strengthened the effect.

solar-cells | How solar panels make electricity
Photovoltaic cells are made of a semiconductor, usually silicon. When light strikes them it knocks
electrons loose, and an electric field built into the cell pushes those electrons into a current
that can run household appliances.

periodic-table | Organising the elements
The periodic table arranges the chemical elements by atomic number, in rows and columns that group
elements with similar behaviour. Dmitri Mendeleev left gaps in his 1869 version for elements
nobody had yet discovered, and predicted their properties.

mars-water@2005 | Water on Mars
Orbiters and rovers have found strong evidence that liquid water once flowed on Mars: dried river
channels, lake-bed sediments and minerals that only form in water. Today most of the planet's
water is locked up as ice at the poles and beneath the surface.

coral-bleaching@1985 | Coral bleaching
When seawater stays too warm for too long, corals expel the colourful algae living in their
tissues and turn white. Bleached corals are not yet dead, but they starve if the heat does not
ease within a few weeks.

sound-speed | Sound travels faster in water
Sound moves at about 343 metres per second through air at room temperature, more than four times
faster through water and faster still through steel. In a vacuum it cannot travel at all.

rainbow | How rainbows form
A rainbow appears when sunlight enters raindrops, bends, reflects off the back of each drop and
bends again on the way out. Each colour leaves at a slightly different angle, so the light fans out
into a band with red on the outside and violet on the inside.

gut-microbes@2010 | Bacteria in the gut
The human gut hosts trillions of microbes that help digest fibre, make certain vitamins and train
the immune system. A change of diet can shift the mix of species within a few days.

carbon-dating | Radiocarbon dating
Living things take in carbon, including a tiny amount of radioactive carbon-14. After death it
decays with a half-life of about 5,730 years, so measuring what remains tells scientists roughly
when an organism died, up to around 50,000 years ago.

expanding-universe@2013 | The expanding universe
In the 1920s astronomers noticed that distant galaxies are moving away from us, and the farther
away they are, the faster they recede. This is the basis of the idea that the universe began in a
hot, dense state, the Big Bang, about 13.8 billion years ago.

photosynthesis-2 | Photosynthesis in a nutshell
Green plants use the energy in sunlight to turn carbon dioxide and water into sugars, giving off
oxygen as a by-product. This happens inside chloroplasts, which hold the green pigment
chlorophyll.

bird-navigation | How migrating birds find their way
Migratory birds navigate with several cues at once: the position of the sun, the pattern of the
stars, landmarks such as coastlines, and the Earth's magnetic field, which some species appear to
sense through their eyes.

tardigrade@2008 | Nearly indestructible animals
Tardigrades, also known as water bears, are animals less than a millimetre long that survive
drying out, deep freezing, intense radiation and even the vacuum of space by curling up and
shutting down their metabolism.

thunder | Why thunder follows lightning
A lightning bolt heats the air around it to some 30,000 °C in a split second, and the air expands
so violently that it sends out a shock wave we hear as thunder. Count the seconds between flash and
rumble and divide by three to get the distance in kilometres.

pendulum | The steady swing of a pendulum
The time a pendulum takes to swing back and forth depends on its length, not on how heavy the bob
is or, for small swings, how wide the arc is. That regularity is why pendulums made the first
accurate clocks.

fungal-network@2000 | The wood wide web
The roots of forest trees are linked by underground threads of fungi, which trade water and
minerals for sugar. Some studies suggest trees pass nutrients to one another through these
networks, though how much they do so is still debated.
"""

SHORT["history"] = r"""
wall-fall@1990 | The fall of the Berlin Wall
On the night of 9 November 1989, East German authorities unexpectedly opened the border crossings
in Berlin, and crowds began tearing down the wall that had divided the city since 1961. Germany
was reunified less than a year later.

berlin-barrier@1990 | When the barrier across Berlin opened
In late 1989 the heavily guarded concrete barrier splitting the eastern and western halves of the
city was suddenly thrown open, and people celebrated by chipping pieces off it. Within eleven
months the two German states had become a single country again.

gutenberg | Gutenberg and the printing press
Around 1450 Johannes Gutenberg, a goldsmith in Mainz, combined movable metal type, an oil-based ink
and a screw press adapted from wine making. His Bible, completed around 1455, showed that books
could be produced in quantity.

movable-type | Mechanical printing sweeps across Europe
In the second half of the fifteenth century, workshops using reusable cast-metal letters opened in
city after city across the continent. By 1500 they had turned out millions of volumes, and reading
matter became far cheaper than hand-copied manuscripts.

apollo11 | Apollo 11
On 20 July 1969 the Apollo 11 lunar module landed in the Sea of Tranquility, and Neil Armstrong and
Buzz Aldrin became the first people to walk on the Moon while Michael Collins circled overhead in
the command module.

first-moonwalk | Footsteps on another world
In the summer of 1969 two American astronauts climbed down onto the lunar surface, planted a flag,
gathered rock samples and returned safely home. Hundreds of millions of people watched the grainy
television pictures live.

magna-carta | Magna Carta
In 1215 rebellious barons forced King John of England to agree to a charter limiting royal power.
Most of its clauses dealt with feudal grievances, but the principle that the king, too, was
subject to the law became enormously influential.

pyramids | Building the Great Pyramid
The Great Pyramid of Giza was built for the pharaoh Khufu around 2560 BCE. Its builders, paid
labourers rather than slaves according to most Egyptologists, moved some 2.3 million stone blocks
using ramps, sledges and levers.

roman-roads | Roman roads
The Romans built more than 80,000 kilometres of paved highways, laid in layers of gravel, rubble
and fitted stone. The network let armies, officials and merchants cross the empire quickly, and
many modern European roads still follow the old routes.

bastille | The storming of the Bastille
On 14 July 1789 a Paris crowd stormed the Bastille, a royal fortress and prison, in search of
gunpowder. The event became a symbol of the revolt against absolute monarchy, and the date is now
France's national holiday.

industrial-revolution | The Industrial Revolution
Beginning in Britain in the late eighteenth century, steam power, mechanised spinning and cheap
iron moved production out of homes and small workshops into factories. Towns swelled as people
left the countryside to work in the mills.

titanic | The sinking of the Titanic
The passenger liner Titanic struck an iceberg on its maiden voyage in April 1912 and sank in under
three hours. More than 1,500 people died, partly because there were lifeboats for only about half
of those on board.

titanic-2 | The sinking of the Titanic
The passenger liner Titanic struck an iceberg on her maiden voyage in April 1912 and sank in less
than three hours. More than 1,500 people died, in part because there were lifeboats for only about
half of those aboard.

womens-vote | Votes for women
New Zealand became the first self-governing country to give women the vote in national elections,
in 1893. The United States ratified the Nineteenth Amendment in 1920, and Britain, after granting
limited rights in 1918, gave women the vote on equal terms with men in 1928.

rosetta-stone | The Rosetta Stone
Found in 1799 by French soldiers in Egypt, the Rosetta Stone carries the same decree in
hieroglyphs, in demotic script and in ancient Greek. Comparing the versions allowed Jean-François
Champollion to decipher hieroglyphs in 1822.

great-wall | The Great Wall of China
The Great Wall is not one wall but many, built and rebuilt over some two thousand years. Most of
what visitors walk on today dates from the Ming dynasty, and despite the popular claim it cannot be
seen with the naked eye from orbit.

vikings | Viking voyages
Norse seafarers from Scandinavia raided and traded from the late eighth century onwards. They
settled Iceland and Greenland and reached North America around the year 1000, at L'Anse aux
Meadows in Newfoundland.

cold-war@1992 | The Cold War
For more than four decades after the Second World War, the United States and the Soviet Union
competed for influence without fighting each other directly. The rivalry drove an arms race, a
space race and proxy wars, and it ended with the break-up of the Soviet Union in 1991.

marshall-plan | Rebuilding Western Europe
Between 1948 and 1952 the United States gave some 13 billion dollars in aid to Western European
countries, helping them rebuild industry and trade after the war.

telegraph | The electric telegraph
In the 1840s the electric telegraph began carrying messages along wires in minutes rather than
days. Morse code, with its dots and dashes, became the standard, and from 1866 a lasting cable
across the Atlantic linked Europe and North America.

hanseatic-league | The Hanseatic League
From the thirteenth to the fifteenth century a league of merchant towns around the Baltic and
North Sea, led by Lübeck, dominated the trade in timber, furs, grain and salted fish.

constantinople | The fall of Constantinople
In 1453 Ottoman forces under Sultan Mehmed II took Constantinople after a siege of nearly two
months, ending the Byzantine Empire. The city became the Ottoman capital and is known today as
Istanbul.

meiji | Japan's Meiji era
After 1868 Japan's new government abolished the samurai class, built railways and factories and
created a modern army and navy, transforming the country within a few decades.

india-independence | Indian independence
India became independent from British rule on 15 August 1947, after a long campaign in which
nonviolent mass protest played a central part. The partition that created Pakistan at the same
moment uprooted millions of people.

penicillin | A mouldy discovery
In 1928 Alexander Fleming noticed that a mould contaminating one of his bacterial cultures had
killed the bacteria around it. Penicillin was only produced on a large scale during the Second
World War, when it saved countless wounded soldiers.

lascaux | The cave paintings of Lascaux
The Lascaux caves in south-western France hold hundreds of painted horses, deer and bulls made
roughly 17,000 years ago. They were found in 1940 by teenagers who had followed their dog into a
hole in the hillside.

domesday | The Domesday Book
Twenty years after conquering England, William the Conqueror ordered a survey of land and property
in 1086, recording who held what and what it was worth, largely so that it could be taxed.

ancient-olympics | The ancient Olympic Games
Held at Olympia in honour of Zeus, traditionally from 776 BCE, the games featured running,
wrestling, boxing, chariot racing and the pentathlon. Only freeborn Greek men were allowed to
compete.

aqueducts | Roman aqueducts
Roman engineers carried water to cities over long distances using channels with a gentle,
continuous downhill slope, mostly running underground; the famous arched bridges carried them
across valleys.

first-flight | The first powered flight
On 17 December 1903, near Kitty Hawk in North Carolina, the Wright brothers' Flyer made the first
controlled, sustained flight of a powered aeroplane. The first hop lasted 12 seconds and covered
37 metres.

alphabet | The first alphabet
Phoenician traders around 1050 BCE wrote with a script of 22 letters, all of them consonants. The
Greeks borrowed it and added vowels, and the Latin alphabet used for English descends from the
Greek one.

panama-canal | The Panama Canal
Opened in 1914, the Panama Canal lets ships pass between the Atlantic and the Pacific without
sailing around South America. Locks lift vessels 26 metres up to an artificial lake and lower them
again on the other side.

maya-calendar | Maya astronomy
The Maya of Central America tracked the cycles of the Sun, the Moon and Venus with remarkable
accuracy, and they combined several calendars, among them a 260-day ritual count and a 365-day
solar year.
"""

SHORT["technology"] = r"""
pw-reset@2003 | How do I reset my password?
If you have forgotten your password, click "Forgot password?" on the sign-in page and enter the
email address on your account. We will send you a link that lets you choose a new password; it
expires after one hour.

login-recover@2003 | Steps to recover a forgotten login
Can't get into your account? Use the account recovery option below the sign-in form, confirm the
address you registered with, and follow the message we send you to set new credentials. The
message stays valid for sixty minutes.

pw-reset-2@2003 | How do I reset my password?
If you have forgotten your password, click "Forgot password?" on the sign-in page and enter the
email address linked to your account. We will send you a link to choose a new password; the link
expires after 24 hours.

laptop-battery@2005 | Make your laptop battery last longer
Dim the screen, close programs you are not using and switch on battery saver mode. Keeping the
charge between about 20 and 80 percent, and the machine away from heat, also slows the battery's
long-term wear.

notebook-runtime@2005 | Getting more hours from a portable computer on one charge
Lower the display brightness, quit background apps and turn on the power-saving profile to stretch
the time a notebook runs unplugged. Lithium-ion cells also age more slowly if they are not kept
full all the time or left in a hot car.

wifi-slow@2005 | Why is my wireless internet slow?
Wi-Fi slows down when the router is far away or behind thick walls, when neighbours' networks
crowd the same channel, or when many devices stream video at once. Moving the router to a
central, raised spot often helps more than buying a new one.

network-sluggish@2005 | Home network crawling? The usual culprits
Poor throughput around the house usually comes down to distance and obstacles between the access
point and your devices, interference from nearby networks on the same frequency, or too many
gadgets competing for bandwidth. Put the access point in the middle of the home, off the floor.

backup-rule | The 3-2-1 backup rule
Keep three copies of important files, on two different kinds of storage, with one copy off-site or
in the cloud. A backup on the same disk as the original does not protect you when that disk
fails.

phishing | Spotting phishing emails
Be suspicious of messages that create a sense of urgency, ask you to confirm your password or
payment details, or come from an address that almost matches a real company's. Hover over a link
to see where it really goes before clicking.

two-factor@2012 | Two-factor authentication
Two-factor authentication asks for something you know, such as a password, plus something you
have, such as a code from an app on your phone. Even if your password leaks, an attacker without
the second factor cannot sign in.

ssd-vs-hdd@2010 | SSD or hard drive?
Solid-state drives have no moving parts, so they boot a computer and open programs far faster than
spinning hard disks, use less power and cope better with knocks. Hard disks still offer more
capacity for the money.

laptop-wont-start | Laptop won't turn on
If a laptop shows no sign of life, plug in the charger and check that its light comes on, hold the
power button down for 30 seconds, and try again with all external devices unplugged. A fully
drained battery may need several minutes of charging before the machine responds.

clear-cache | Clearing your browser cache
When a website looks broken or keeps showing old content, clearing the browser's cache forces it
to download fresh copies of pages, images and scripts. Most browsers offer this in their privacy
or history settings.

version-control | What version control is for
Version control systems such as Git record every change to a set of files, who made it and why.
You can return to any earlier state, develop features on separate branches and merge them later.

regex | Regular expressions
A regular expression is a compact pattern for matching text: \d+ matches one or more digits, ^
anchors a match to the start of a line, and [aeiou] matches any vowel. They are powerful but
notoriously hard to read a few months later.

cloud-storage@2008 | What "the cloud" means
Storing files "in the cloud" simply means keeping them on servers run by a company in a data
centre, reached over the internet, instead of only on your own computer.

qr-codes@2010 | How QR codes work
A QR code stores data in a square grid of dark and light modules. Three large squares in the
corners let a camera find the code and work out its orientation, and built-in error correction
means it still scans when partly damaged.

gps | How GPS finds your position
Navigation satellites broadcast their position and the precise time. A receiver compares the
arrival times of signals from at least four of them to work out its latitude, longitude and
altitude.

compression | Lossless and lossy compression
ZIP and PNG files are compressed losslessly: the original data comes back bit for bit. JPEG and
MP3 throw away details people are unlikely to notice, which makes files much smaller but cannot be
undone.

ev-charging@2012 | Charging an electric car
Most owners of electric cars charge at home overnight from a wall box. Public fast chargers use
direct current to add a few hundred kilometres of range in half an hour, though relying on them
all the time can wear the battery slightly faster.

used-car | Purchasing a pre-owned vehicle
Before paying for a second-hand automobile, check its service history, have an independent
mechanic inspect it, and find out whether it still has finance owing or has been written off.
Test-drive it from a cold start.

car-maintenance | Keeping a vehicle in good shape
Change the engine oil and filter at the intervals given in the owner's manual, check tyre
pressures monthly and replace wiper blades when they start to streak. Regular servicing costs less
than the repairs it prevents.

open-source | Open-source software
Open-source programs publish their source code under a licence that lets anyone read, modify and
share it. Linux, Firefox and the Python language are well-known examples.

ram | What a computer's memory does
RAM is a computer's short-term working memory: it holds the programs and data in use right now and
is wiped when the power goes off. With too little of it the system starts swapping to disk and
slows to a crawl.

wireless-printer@2005 | Setting up a wireless printer
Connect the printer to the same network as your computer using its control panel, then add it in
the operating system's printer settings. If it does not show up, restart the router and the
printer and try again.

xss-basics@2003 | Cross-site scripting in one example
If a web page inserts user input into its HTML without escaping it, an attacker can post a comment
such as <script>alert(1)</script> and every visitor's browser will run it. Escaping <, >, & and
quotes before output turns the payload back into harmless text.

html-bold | Bold and strong in HTML
In HTML, <b>bold</b> and <strong>important</strong> usually look the same, but <strong> tells
screen readers that the text matters, while <b> is purely visual. Likewise <em>emphasis</em>
carries meaning and <i>italic</i> does not.

html-escape@2003 | Showing markup as text
To display a tag literally, write it with entities: &lt;b&gt; appears on screen as <b>. A results
page that prints raw input can be broken by <img src=x onerror=alert(2)> or by an unclosed <div>,
and a formula such as 3 < 5 && 5 > 2 must come through intact.

password-manager@2008 | Why use a password manager
A password manager generates a long, random and different password for every site and fills it in
for you, so the only thing you have to remember is one strong master passphrase.

keyboard-shortcuts | Handy keyboard shortcuts
Ctrl+C and Ctrl+V copy and paste, Ctrl+Z undoes the last action and Ctrl+F finds text on a page.
On a Mac the Command key takes the place of Ctrl.

semantic-search@2019 | Keyword search versus semantic search
Keyword search matches the exact words of a query, so a search for "car" misses a page that only
says "automobile". Semantic search compares meaning instead: texts are turned into vectors, and
documents whose vectors lie close to the query's are returned even when they share no words with
it.

phone-storage@2010 | Phone storage full?
When a phone runs out of space, the usual culprits are photos, videos, downloaded podcasts and
message attachments. Move pictures to a computer or a cloud service and delete apps you have not
opened in months.

dark-mode@2019 | Does dark mode save battery?
On phones with OLED screens, black pixels are switched off, so a dark theme can noticeably cut
power draw at high brightness. On LCD screens, which light every pixel from behind, it makes
little difference.

spreadsheet | Spreadsheet formulas
A spreadsheet formula starts with an equals sign: =SUM(B2:B10) adds up a column of numbers and
=AVERAGE(B2:B10) gives their mean. When a value changes, every formula that depends on it updates
at once.

smart-speaker@2016 | Smart speakers and privacy
Smart speakers listen continuously for their wake word but, according to their makers, only send
audio to the cloud after hearing it. Most have a button that physically disconnects the
microphone.

router-restart | Turn it off and on again
Restarting a router clears its memory, drops stale connections and often revives a network that
has become slow or unresponsive. Wait about thirty seconds before switching it back on.
"""

SHORT["cooking"] = r"""
rest-meat | Let meat rest after cooking
Once a steak or roast comes off the heat, leave it on a board for five to ten minutes before
slicing. The juices settle back into the meat instead of running out onto the plate.

wait-before-carving | Why you should wait before carving
After grilling or roasting, give the joint a few minutes to sit undisturbed before you cut into
it. Carving straight away lets the moisture pour out, and every slice ends up drier.

onion-tears | Chopping onions without crying
Chill onions in the fridge for half an hour before cutting them, and use a very sharp knife. Cold
onions release less of the sulphur compound that stings your eyes, and a clean cut damages fewer
cells.

cold-onions | Keeping your eyes dry at the chopping board
The sting that makes you weep while dicing comes from a gas the vegetable gives off when its cells
are broken. Cooling it beforehand and using a razor-keen blade both cut down how much of it
reaches your eyes.

pasta-water | Save your pasta water
Before draining pasta, scoop out a cup of the cooking water. The starch in it helps a sauce cling
to the noodles and turns butter, oil and cheese into a glossy coating.

starchy-liquid | The secret of silky sauces
The cloudy liquid left after boiling spaghetti is full of starch. A splash stirred into the pan
binds fat and water into a smooth emulsion that coats every strand.

aubergine | Cooking aubergine
Aubergine soaks up oil like a sponge. Salt the slices and leave them for twenty minutes, or roast
them lightly brushed with oil, to get a creamy texture without a greasy result.

courgette-fritters | Courgette fritters
Grate two courgettes and squeeze out as much water as you can in a clean tea towel, then mix them
with an egg, a little flour, crumbled feta and chopped mint. Fry spoonfuls in a little oil until
golden on both sides.

coriander | Fresh coriander
The leaves of the coriander plant brighten salsas, curries and noodle soups; add them at the end,
as heat dulls their flavour. Some people find they taste of soap, a trait partly linked to their
genes.

knife-sharpening | Keeping knives sharp
A honing steel realigns the edge and can be used every time you cook; a whetstone actually grinds
away metal and is needed only a few times a year. A sharp knife is safer than a dull one because it
is less likely to slip.

cast-iron | Caring for a cast-iron pan
Rinse it with hot water while it is still warm, dry it on the stove and wipe a thin film of oil
over the surface. Over time the oil bonds into a natural non-stick layer called seasoning.

stovetop-rice | Fluffy rice on the stove
Rinse long-grain rice until the water runs clear, then simmer it covered in about one and a half
times its volume of water for twelve minutes. Leave it to stand, lid on, for ten more minutes
before fluffing it with a fork.

boiled-eggs | Soft- and hard-boiled eggs
Lower eggs into boiling water: six minutes gives a runny yolk, eight a jammy one and ten or eleven
a firm one. Plunge them into iced water afterwards so they stop cooking and peel easily.

stale-bread | Reviving stale bread
Run a day-old loaf briefly under the tap and put it into a hot oven for five to ten minutes. The
crust crisps up again and the crumb inside softens.

buttermilk-swap | No buttermilk?
Stir a tablespoon of lemon juice or white vinegar into a cup of milk and leave it for ten minutes.
The soured milk works in pancakes, scones and soda bread.

salting-meat | When to salt meat
Salting meat at least 40 minutes before cooking, or even the night before, gives the salt time to
be drawn back into the flesh, seasoning it deeply and helping it stay juicy.

fresh-herbs | Keeping herbs fresh
Treat soft herbs such as parsley and basil like cut flowers: trim the stems and stand them in a
glass of water. Wrap hardy herbs like rosemary and thyme in a damp paper towel and keep them in the
fridge.

risotto | Making risotto
Toast arborio rice in butter, add a splash of wine, then ladle in hot stock a little at a time,
stirring. After about eighteen minutes the grains should be tender with a slight bite and the
risotto loose enough to ripple when you shake the pan.

guacamole | Simple guacamole
Mash ripe avocados with lime juice and salt, then fold in finely chopped onion, chilli, tomato and
fresh coriander. Press cling film onto the surface to keep it from turning brown.

egg-replacers@2015 | Replacing eggs in baking
A tablespoon of ground flaxseed mixed with three tablespoons of water and left to thicken stands
in for one egg in muffins and pancakes. Aquafaba, the liquid from a tin of chickpeas, whips up
like egg whites.

chicken-stock | Homemade stock
Simmer roasted chicken bones with onion, carrot, celery and a bay leaf for three to four hours
without letting it boil hard, then strain. A rolling boil makes stock cloudy and greasy.

tempering-chocolate | Tempering chocolate
Melting and cooling chocolate through specific temperatures makes the cocoa butter set into
stable crystals, which give a glossy finish and a clean snap. Untempered chocolate dries dull and
streaky.

leftovers | Leftovers and the fridge
Cool leftovers quickly and refrigerate them within two hours of cooking. Most cooked dishes keep
for three to four days; reheat them until they are steaming hot all the way through.

soda-vs-powder | Baking soda versus baking powder
Baking soda is pure sodium bicarbonate and needs an acid, such as yoghurt or lemon juice, to
produce bubbles. Baking powder already contains its own acid, so it only needs moisture and heat.

pancakes | Fluffy pancakes
Whisk flour, sugar, baking powder and a pinch of salt, then stir in milk, an egg and melted butter
until just combined; a few lumps are fine. Let the batter rest for ten minutes and cook on a
medium-hot griddle.

pancakes-2 | Fluffy pancakes
Whisk 200 g flour, 1 tbsp sugar, 2 tsp baking powder and a pinch of salt, then stir in 300 ml
milk, one egg and 30 g melted butter until just combined; a few lumps are fine. Let the batter
rest for ten minutes and cook in a medium-hot pan.

toasting-spices | Toasting spices
Dry-fry whole spices such as cumin, coriander seed and fennel in a pan for a minute or two until
fragrant, then grind them. The heat releases their aromatic oils and deepens the flavour.

knife-grip | Holding a chef's knife
Pinch the blade between thumb and forefinger just in front of the handle, and curl the fingertips
of your other hand under so the knuckles guide the knife. It feels awkward at first but gives far
more control.

vinaigrette | Basic vinaigrette
Three parts oil to one part vinegar, a spoonful of mustard to help it emulsify, salt and pepper.
Shake it in a jar and taste it on a leaf of lettuce rather than from a spoon.

slow-cooker | Using a slow cooker
Cheap, tough cuts such as beef shin or pork shoulder turn tender after eight hours on low. Brown
the meat first for flavour, and use less liquid than you would on the stove, since little
evaporates.

less-sugar | Cutting the sugar in desserts
In most cake and cookie recipes you can reduce the sugar by a quarter without spoiling the
texture; spices, vanilla and very ripe fruit make up for the lost sweetness.

crispy-tofu | Crispy tofu
Press firm tofu between towels under a heavy pan for twenty minutes, cut it into cubes, toss them
in cornflour and fry or bake until golden.

frozen-bananas | Frozen bananas
Peel overripe bananas, slice them and freeze the pieces on a tray. Blended straight from the
freezer they turn into a creamy dessert much like ice cream, with nothing added.

peeling-garlic | Peeling garlic quickly
Press a clove under the flat of a knife blade until the skin cracks; it then slips off easily. For
a whole head, shake the cloves hard between two metal bowls.

jam-setting | Testing jam for a set
Put a saucer in the freezer before you start. Drip a little hot jam onto it, wait a minute and push
it with a finger: if the surface wrinkles, the jam is ready to set.
"""

SHORT["travel"] = r"""
jet-lag | Beating jet lag
Switch to the local schedule as soon as you land: eat at local mealtimes, get outside into
daylight in the morning and avoid long naps. Flying east is usually harder on the body than
flying west.

body-clock | Resetting your internal rhythm after a long-haul trip
After crossing several time zones, the body keeps running on home time for days. Morning sunshine
at your destination, regular meals and resisting the urge to sleep in the afternoon help it catch
up faster.

cheap-flights@2005 | How to find cheap flights
Compare prices across several days rather than fixing one date, set up fare alerts and check
nearby airports. Flying midweek and booking a few weeks ahead is usually cheaper than a last-minute
weekend ticket.

budget-airfare@2005 | Paying less to fly
Fares drop when you are flexible: a Tuesday departure, a secondary airport or a different week can
cut the price of a seat considerably. Price-tracking tools will let you know when a route gets
cheaper.

pack-light | Packing light
Travel with hand luggage only: choose clothes in a few colours that all go together, roll them
instead of folding, and wear your bulkiest shoes and jacket on the plane. You can wash things in a
sink along the way.

cabin-bag | A week's wardrobe in one small bag
Skip the checked suitcase by picking garments that mix and match, rolling them tightly and wearing
the heavy boots and coat for the journey. Rinsing a few items in the washbasin halfway through the
trip keeps the load small.

passport-validity | Passport validity rules
Many countries require your passport to be valid for at least six months after the date you
arrive, and some want one or two blank pages. Check the rules well before you book.

travel-insurance | Do you need travel insurance?
A policy covers medical treatment abroad, cancellations and lost luggage. Emergency care far from
home can cost tens of thousands, so it is worth having even for a short trip.

lodging | Finding somewhere to sleep on a budget
Guesthouses, family-run inns and rented rooms are often cheaper than large chain properties and
closer to local life. Read recent reviews, check exactly where the place is on a map and look at
the cancellation terms before paying.

iceland-ring-road | Driving Iceland's Ring Road
Route 1 circles Iceland for about 1,300 kilometres, passing waterfalls, glaciers and black-sand
beaches. Allow at least a week, and check road conditions every day outside the summer months.

kyoto-temples | The temples of Kyoto
Kyoto has well over a thousand Buddhist temples and hundreds of Shinto shrines. Visit the popular
ones, such as the gold-leafed Kinkaku-ji, right at opening time to avoid the crowds.

venice-high-water@2021 | Venice and high water
In autumn and winter, exceptionally high tides sometimes flood St Mark's Square. Since 2020 mobile
barriers at the entrances to the lagoon have been raised to hold back the worst of them.

machu-picchu@2017 | Visiting Machu Picchu
Entry tickets are sold for timed slots and sell out weeks ahead in the dry season, from May to
September. Most visitors take the train to Aguas Calientes and a bus up the hill; the classic Inca
Trail takes four days on foot.

altitude-sickness | Altitude sickness
Above about 2,500 metres, headaches, nausea and breathlessness are common during the first days.
Climb gradually, drink plenty and rest; if symptoms get worse, going down is the only reliable
cure.

road-trip | Planning a road trip
Limit driving to four or five hours a day so there is time to stop and explore, and book the first
and last nights in advance while leaving the middle of the trip flexible.

europe-by-train | Travelling Europe by train
High-speed trains link many European cities in a few hours, from centre to centre, which is often
faster overall than flying once the time spent at airports is counted. Rail passes pay off only for
many long journeys.

tipping | Tipping customs around the world
In the United States a tip of 15 to 20 percent is expected in restaurants; in Japan tipping is
unusual and can cause confusion; across much of Europe, rounding up or leaving about ten percent is
common.

money-abroad@2005 | Money abroad
Withdraw local currency from bank cash machines rather than changing notes at airport kiosks, and
when a card terminal offers to charge you in your home currency, decline: the conversion it offers
usually comes at a poor rate.

solo-travel | Travelling alone
Going alone lets you choose every detail of your trip. Hostels and walking tours make it easy to
meet people, and sharing your itinerary with someone at home adds a layer of safety.

first-camping | Camping for the first time
Practise pitching the tent at home, pack a sleeping mat as well as a sleeping bag, since the cold
comes up from the ground, and bring a head torch with spare batteries.

fes-medina | Getting lost in Fes
The medina of Fes is a maze of thousands of lanes too narrow for cars, where donkeys still carry
goods. Getting lost is part of the experience, but a local guide for the first morning helps.

norway-fjords | Norway's fjords
The fjords of western Norway were carved by glaciers and later flooded by the sea. Ferries and
coastal ships are the best way to see them, and around midsummer it barely gets dark at all.

nyc-subway | Riding the New York subway
The subway runs around the clock. Express trains skip many stations, so check the line's letter or
number and whether it is running local or express before you board.

vacation-rental | Holiday apartment or hotel?
A self-catering apartment gives families a kitchen and more space for the money, while a hotel
offers daily cleaning, a front desk and flexible stays. For a short city break the hotel is often
simpler.

hostel | What to expect in a hostel
Hostels rent beds in shared dormitories, usually with lockers, a communal kitchen and a lounge, and
many also have private rooms. Bring earplugs and a padlock.

entry-visas@2009 | Entry visas
Some countries issue visas on arrival or electronic travel authorisations online, while others
require an application at an embassy weeks in advance. The rules depend on your nationality, so
check the official government website.

museum-hours | Harbour Museum opening hours
The Harbour Museum is open Tuesday to Sunday from 10:00 to 17:00, with late opening until 20:00 on
Thursdays. Entry is free for children under 12, and the rooftop café is open during museum hours.

museum-hours-2 | Harbour Museum opening hours
The Harbour Museum is open Tuesday to Sunday from 10:00 to 18:00, with late opening until 21:00 on
Thursdays. Entry is free for children under 12, and the rooftop café is open during museum hours.

motion-sickness | Motion sickness
Sit where the movement is smallest, over the wing on a plane, in the middle of a ship or in the
front seat of a car, keep your eyes on the horizon and avoid reading. Ginger and over-the-counter
tablets help some people.

bangkok-street-food | Street food in Bangkok
Bangkok's night markets and roadside stalls serve pad thai, grilled pork skewers, papaya salad and
mango with sticky rice for a few dollars. Busy stalls with a quick turnover are usually the safest
bet.

safari | On safari
The best time for game viewing in East Africa is usually the dry season, when animals gather
around the remaining water. Early morning and late afternoon drives are when predators are most
active.

travel-medicines | Travelling with medicines
Keep prescription medicines in your hand luggage, in their original packaging and with a copy of
the prescription. Some common drugs are restricted or banned in certain countries.

lighter-footprint@2000 | Travelling with a lighter footprint
Take trains instead of short flights, stay longer in fewer places, and choose locally owned
guesthouses and restaurants so that more of your money stays in the community.

airport-security@2007 | Getting through airport security
Liquids in hand luggage generally have to be in containers of 100 ml or less, packed in a clear
resealable bag. Wear shoes that slip off easily and keep your laptop where you can take it out
quickly.

angkor-sunrise | Sunrise at Angkor Wat
Crowds gather before dawn at the reflecting pools in front of Angkor Wat to watch its towers
appear against the sky. A multi-day pass lets you explore the wider temple complex at a gentler
pace.
"""

SHORT["health"] = r"""
water-headache | Drink water to prevent headaches
Even mild dehydration can trigger a headache. Drinking water steadily through the day, and more in
hot weather or when exercising, is one of the simplest ways to avoid them.

fluids-head-pain | Staying hydrated keeps head pain away
Not taking in enough fluids is a common and easily fixed cause of an aching head. Sip regularly
rather than waiting until you feel thirsty, especially in the heat or during physical activity.

sleep-faster | Tips for falling asleep faster
Go to bed and get up at the same time every day, keep the bedroom cool and dark, and put screens
away an hour before bed. If you are still awake after twenty minutes, get up and do something calm
until you feel sleepy.

drift-off | How to drift off more quickly at night
A regular bedtime and wake-up time, a dim, cool room and no phone or laptop in the last hour of the
evening all shorten the time it takes to nod off. Lying awake for ages? Leave the bed and read
quietly until drowsiness returns.

heart-attack-signs | Warning signs of a heart attack
Chest pain or pressure, pain spreading to the arm, jaw or back, shortness of breath, cold sweats
and nausea can all signal a heart attack. Women more often have the less typical symptoms. Call
the emergency services immediately.

mi-symptoms | Recognising myocardial infarction
Myocardial infarction typically presents as a crushing or squeezing sensation behind the
breastbone that may radiate to the left arm or the jaw, together with breathlessness, sweating and
nausea. Rapid treatment to restore blood flow limits the damage to cardiac muscle.

hypertension | Hypertension, the silent condition
Hypertension rarely causes symptoms, yet over the years it damages the arteries and raises the
risk of stroke, kidney disease and cardiac problems. Having your readings checked regularly is the
only way to know.

sunscreen | Choosing a sunscreen
Use a broad-spectrum product with an SPF of at least 30, apply it generously twenty minutes before
going outside, and reapply every two hours and after swimming.

infant-fever | Fever in babies and children
A raised temperature in a baby under three months old always needs prompt medical attention. In
older children, how the child is behaving, whether they are drinking, playing and alert, matters
more than the exact reading on the thermometer.

flu-vaccine | The annual flu vaccine
Influenza viruses change from year to year, so the vaccine is updated each season. It is
especially recommended for older adults, pregnant women, young children and people with chronic
illnesses.

flu-vaccine-2 | The annual flu vaccine
Influenza viruses change from year to year, so the vaccine is updated every season. It is
especially recommended for older adults, pregnant women, young children and people with chronic
illnesses. Autumn is the best time to get it.

daily-walk | The benefits of a daily walk
Thirty minutes of brisk walking on most days lowers the risk of heart disease, type 2 diabetes and
depression, and it needs no equipment or membership.

desk-posture | Sitting at a desk all day
Set the top of the screen at eye level, keep your feet flat on the floor, and stand up and move for
a few minutes every half hour. Back and neck aches often come from holding one position too long.

back-pain | Lower back pain
Most episodes of lower back pain get better on their own within a few weeks. Staying gently active
usually speeds recovery more than bed rest does.

calm-breathing | Breathing to calm down
Slow breathing, in for four seconds and out for six, activates the body's relaxation response and
can ease feelings of anxiety within minutes.

vitamin-d | Vitamin D and sunlight
The skin makes vitamin D when exposed to sunlight, so people in northern countries can run low in
winter. The body needs it to absorb calcium and keep bones strong.

handwashing | Washing your hands properly
Wet your hands and lather with soap for at least twenty seconds, covering the backs, the spaces
between the fingers and under the nails, then rinse and dry. It is one of the most effective ways
to stop infections spreading.

hay-fever | Hay fever
An allergy to pollen causes sneezing, a runny nose and itchy eyes, mostly in spring and summer.
Antihistamines, keeping windows closed on high-pollen days and showering after being outdoors all
help.

teeth | Looking after your teeth
Brush twice a day for two minutes with fluoride toothpaste, and spit rather than rinse afterwards
so the fluoride keeps working. How often you eat sugar matters more than how much.

screen-eyes@1990 | Tired eyes from screens
Follow the 20-20-20 rule: every twenty minutes, look at something twenty feet away for twenty
seconds. People blink less while concentrating on a screen, which also dries the eyes.

type2-diabetes | Type 2 diabetes
In type 2 diabetes the body stops responding properly to insulin, so sugar builds up in the blood.
Weight loss, exercise and changes to diet can control it, sometimes together with medication.

cold-or-flu | Cold or flu?
A cold comes on gradually with a sore throat and a runny nose; flu strikes suddenly with fever,
aching muscles and an exhaustion that can keep you in bed for days.

meditation | Meditation for beginners
Sit comfortably, close your eyes and follow your breath; when your mind wanders, notice it and come
back without judging yourself. Even ten minutes a day can reduce stress.

protein | How much protein do you need?
Most adults need about 0.8 grams of protein per kilogram of body weight each day; older adults and
people who train hard may benefit from more.

strength-after-fifty | Strength training after fifty
Muscle mass declines with age, but lifting weights or doing resistance exercises twice a week
slows the loss, improves balance and lowers the risk of falls.

giving-blood | Giving blood
A donation takes about ten minutes and collects just under half a litre. Eat a proper meal and
drink plenty beforehand so you do not feel faint afterwards.

burns-first-aid | First aid for burns
Cool a burn under cool running water for twenty minutes, take off rings or watches near it, and
cover it loosely with cling film. Do not use ice, butter or creams.

nosebleed | Stopping a nosebleed
Sit up, lean forward and pinch the soft part of the nose for ten to fifteen minutes while breathing
through your mouth. Tilting the head back only makes you swallow blood.

caffeine | Caffeine and sleep
Caffeine has a half-life of around five hours, so an afternoon coffee can still keep you awake at
bedtime. Sensitivity varies a great deal from person to person.

mediterranean-diet@1980 | The Mediterranean diet
Plenty of vegetables, fruit, beans, whole grains, olive oil and fish, with little red meat, is
linked in many studies to a lower risk of heart disease.

doctor-visit | Making the most of an appointment with your GP
Write your symptoms down beforehand, including when they started and what makes them better or
worse, and bring a list of the medicines you take. Ask what to do if things do not improve.

concussion | Signs of concussion
After a blow to the head, watch for headache, confusion, dizziness, nausea or memory problems.
Anyone who loses consciousness or keeps vomiting needs urgent medical care.

insomnia-therapy@2000 | Insomnia that will not go away
For long-term sleeplessness, cognitive behavioural therapy for insomnia works better in the long
run than sleeping pills: it changes the habits and thoughts that keep people lying awake.

hiccups | Hiccups
Hiccups are sudden spasms of the diaphragm. Sipping cold water, holding your breath briefly or
breathing into cupped hands often stops them.

sprained-ankle | Treating a sprained ankle
Rest the joint, apply ice wrapped in a cloth for twenty minutes at a time, use a compression
bandage and keep the foot raised for the first couple of days.
"""

SHORT["sports"] = r"""
marathon-taper | Tapering before a marathon
In the last two to three weeks before a marathon, cut your weekly mileage gradually while keeping
a few short, faster runs. Resting the legs lets them recover fully, so you start the race fresh.

ease-off | Easing off before race day
Reduce the distance you run in the final weeks before a long-distance race, but keep a little
speed work. The aim is to arrive at the start line rested rather than worn out from training.

warm-up | Why warm up?
A warm-up of light jogging and dynamic stretches raises muscle temperature and heart rate, which
improves performance and lowers the chance of pulling a muscle.

pre-exercise | Gentle movement before a workout
Five to ten minutes of easy activity, such as brisk walking, leg swings and arm circles, prepares
the body for harder effort and helps prevent strains and tears.

offside | The offside rule in football
A player is offside if, when the ball is played to them, they are in the opponents' half and
nearer to the goal line than both the ball and the second-last defender. Being in an offside
position is only penalised if the player becomes involved in play.

cricket-basics | Cricket in a nutshell
Two teams of eleven take turns to bat and bowl. The batting side scores runs by running between
the wickets or hitting the ball to the boundary, while the bowling side tries to get batters out,
for example by hitting the stumps.

tennis-scoring | Tennis scoring
Points go 15, 30, 40 and game; at 40-all, called deuce, a player must win two points in a row. Six
games win a set, with a tie-break usually played at six games all.

shot-clock | The shot clock
In professional basketball a team must attempt a shot within 24 seconds of gaining possession. The
rule was introduced in 1954 to stop teams stalling with the ball.

freestyle-breathing | Better freestyle breathing
Breathe out steadily through your nose while your face is in the water, then turn your head just
enough to inhale from the side. Holding your breath underwater is the most common reason beginners
tire quickly.

bike-commute | Bike commuting
Riding to work is cheap and builds fitness into the day. Plan a route on quieter streets, carry a
puncture repair kit and use lights front and rear after dark.

modern-olympics | The modern Olympics
The first modern Olympic Games were held in Athens in 1896, with about 240 athletes from fourteen
nations. Women competed for the first time four years later, in Paris.

world-cup@2003 | The FIFA World Cup
First held in Uruguay in 1930, the men's World Cup takes place every four years. Brazil has won it
five times, more than any other country.

golf-handicap | Golf handicaps
A handicap lets golfers of different abilities compete fairly: it estimates how many strokes above
par a player typically scores and is deducted from their gross score.

yoga-flexibility | Yoga for flexibility
Regular yoga practice gradually improves flexibility and balance. Move into poses slowly, never
bounce, and stop if a stretch becomes painful rather than merely uncomfortable.

rowing-stroke | The rowing stroke
Power in rowing comes mostly from the legs: drive with the legs first, then swing the back and
finally pull with the arms, reversing the order on the way forward.

climbing-grades@1995 | Climbing grades
Boulder problems and roped routes are graded by difficulty, but the scales differ: the V-scale is
common for bouldering in North America, while French grades such as 6a or 7b are used for sport
climbing in Europe.

sports-drinks | Drinking during exercise
For sessions under an hour, water is enough. For longer endurance events, drinks with
carbohydrates and electrolytes help maintain performance and replace the salt lost in sweat.

rest-days | Rest days matter
Muscles adapt and grow stronger during recovery, not during the workout itself. Training hard
every day without a break raises the risk of injury and overtraining.

chess-openings | Chess openings
Good openings develop the knights and bishops quickly, fight for the centre and castle the king to
safety. Moving the same piece twice early on usually wastes time.

learn-to-ski | Learning to ski
Beginners start with the snowplough, pointing the ski tips together to control their speed. A few
lessons with an instructor save days of frustration.

learn-to-surf | Learning to surf
Start on a large foam board in small waves, and practise popping up on the sand first. Always check
for rip currents and surf near a lifeguard.

baseball-innings | How baseball innings work
Each team bats until three of its players are out; one turn at bat for both teams makes an inning,
and a professional game has nine of them.

rugby-vs-gridiron | Rugby and American football
Both grew out of the same nineteenth-century games, but in rugby the ball may only be passed
backwards and play carries on after a tackle, while American football allows a forward pass and
stops after every tackle.

heart-rate-zones@1985 | Training by heart rate
Easy endurance training is usually done at around 60 to 70 percent of maximum heart rate, a pace at
which you could still hold a conversation. Hard intervals push above 85 percent.

match-report | Harbour City beat Riverside in cup semi-final
Harbour City came from behind to beat Riverside 2-1 in Saturday's cup semi-final. Riverside led at
half-time through a header from a corner, but two goals in the last twenty minutes sent the home
side through to the final.

match-report-2 | Harbour City into the cup final
Harbour City came from behind to beat Riverside 2-1 in Saturday's cup semi-final. Riverside led at
the break with a header from a corner, but two late goals in the final twenty minutes sent the
hosts into the final.

tour-de-france | The Tour de France
The Tour de France covers roughly 3,500 kilometres in three weeks of daily stages through France
and neighbouring countries. The rider leading the overall standings wears the yellow jersey.

table-tennis-spin | Spin in table tennis
Brushing up the back of the ball produces topspin, which makes it dip and kick forward off the
table; chopping down under it produces backspin, which makes it float and check.

cool-down-stretch | Stretching after exercise
Static stretches held for twenty to thirty seconds are best done after a session, when the muscles
are warm; they help maintain the range of motion of the joints.

running-shoes | Choosing running shoes
Buy running shoes late in the day, when your feet are slightly swollen, leave a thumb's width at the
toe, and replace them every 500 to 800 kilometres.

boxing-fitness | Boxing for fitness
Bag work and skipping make boxing training one of the best all-round workouts, combining endurance,
coordination and upper-body strength, with no need ever to spar.

paralympics | The Paralympic Games
The Paralympics grew out of a 1948 competition for injured Second World War veterans at Stoke
Mandeville in England and became an international event held alongside the Olympics.

cycle-helmets | Do bike helmets help?
Studies find that helmets substantially reduce the risk of serious head injury in cycling crashes.
Replace one after any significant impact, even if it looks undamaged.

sprint-start | The sprint start
Sprinters push off from starting blocks explosively; the first strides are taken with the body
leaning well forward, rising gradually to an upright running position.

volleyball | Volleyball basics
Each side may touch the ball three times before sending it back over the net, and no player may
touch it twice in a row. A point is scored on every rally.
"""

SHORT["arts"] = r"""
watercolour-start | Getting started with watercolour
Buy a small set of good-quality pans, two or three round brushes and heavy cold-pressed paper. Work
from light to dark, since the white of the paper is your lightest colour, and let each layer dry
before adding the next.

water-pigments | A beginner's guide to painting with water-based pigments
Begin with a compact palette of artist-grade paints, a couple of soft pointed brushes and thick
textured paper. Build tones up from pale to deep, leave untouched paper for the highlights, and
wait for every wash to dry before glazing over it.

sonnet | What is a sonnet?
A sonnet is a poem of fourteen lines, usually in iambic pentameter. The Petrarchan form divides
them into eight lines and six; the Shakespearean form uses three quatrains and a closing couplet.

fourteen-lines | The fourteen-line poem
This traditional verse form packs an argument into fourteen lines with a fixed rhyme scheme.
English poets often arranged them as three groups of four followed by a rhyming pair that delivers
the final turn.

impressionism | Impressionism
In the 1870s a group of painters in Paris, among them Monet, Renoir and Morisot, began working
outdoors with quick, visible brushstrokes to capture changing light. The name came from a critic
mocking Monet's Impression, Sunrise.

perspective | Linear perspective
Artists in fifteenth-century Florence worked out how to show depth on a flat surface: parallel
lines converge at a vanishing point on the horizon, and objects shrink with distance.

sonata-form | Sonata form
Many first movements of classical symphonies follow sonata form: an exposition presents two
contrasting themes, a development section transforms them, and a recapitulation brings them back
in the home key.

jazz-improvisation | Improvisation in jazz
Jazz musicians invent new melodies on the spot over a repeating chord sequence. Learning tunes by
ear and transcribing the solos of great players is the traditional way to develop a personal
voice.

film-noir | Film noir
Hollywood crime dramas of the 1940s and 1950s, with cynical investigators, femmes fatales and
shadowy, high-contrast lighting, were later given the label film noir by French critics.

rise-of-novel | The rise of the novel
Long prose fiction about ordinary lives became popular in eighteenth-century England with books
such as Robinson Crusoe and Pamela, helped by growing literacy and circulating libraries.

haiku | Haiku
A traditional Japanese haiku has three phrases of five, seven and five sound units and usually
includes a seasonal reference. In English it is often written as three short lines.

complementary-colours | Complementary colours
Colours that sit opposite each other on the colour wheel, such as blue and orange or red and green,
make each other look more intense when placed side by side.

ballet-positions | The five positions of ballet
Classical ballet is built on five positions of the feet, all with the legs turned out from the
hip. They were set down in the seventeenth century at the French court.

rule-of-thirds | The rule of thirds
Imagine the frame divided by two horizontal and two vertical lines; placing the subject or the
horizon along these lines rather than in the centre usually makes a photograph feel more balanced
and alive.

aperture | Aperture and depth of field
A wide aperture, a small f-number such as f/1.8, blurs the background for portraits, while a narrow
one such as f/11 or f/16 keeps a whole landscape sharp from front to back.

pottery-wheel | Throwing on the wheel
Centring the clay is the hardest part for beginners: with wet hands and elbows braced against your
legs, press the spinning lump until it runs true without wobbling.

globe-theatre | The Globe Theatre
Shakespeare's company built the Globe on the south bank of the Thames in 1599. The open-air theatre
held around three thousand people, many of them standing in the yard for a penny.

orchestra-sections | The sections of the orchestra
A symphony orchestra is arranged in four families: strings, woodwind, brass and percussion. The
strings, by far the largest group, sit at the front nearest the conductor.

street-art@2005 | Street art
Murals and graffiti moved from illegal tags in 1970s New York to commissioned works on city walls
around the world, and some cities now hold festivals for them.

opera | What makes an opera
Opera tells a story entirely or mostly through singing, accompanied by an orchestra. Arias let a
character pour out their feelings, while recitative moves the plot along in speech-like singing.

calligraphy | Western calligraphy
A broad-edged pen makes thick and thin strokes depending on the angle at which it meets the paper;
holding that angle steady is the first skill a calligrapher learns.

exhibition | New exhibition at the Northgate Gallery
The Northgate Gallery opens a show of contemporary textile art on 4 March, with work by twelve
weavers and embroiderers. Admission is free, and the exhibition runs until the end of June.

exhibition-2 | New exhibition at the Northgate Gallery
The Northgate Gallery opens an exhibition of contemporary textile art on 4 March, featuring work by
twelve weavers and embroiderers. Admission is free, and the show runs until 30 June.

film-scores | Writing music for films
A film score supports the story without drawing attention to itself. Recurring themes tied to
characters or ideas, known as leitmotifs, help the audience follow them through the picture.

mosaics | Ancient mosaics
Roman mosaics were built from thousands of small cubes of stone and glass called tesserae, set in
mortar to make floors and walls, some of which have survived for two thousand years.

woodcut | Woodcut prints
In a woodcut the artist carves away everything that should stay white; ink is rolled over the
raised surface and pressed onto paper. Japanese ukiyo-e prints used a separate block for each
colour.

free-verse | Free verse
Free verse drops regular metre and rhyme, relying instead on the rhythms of natural speech, on
line breaks and on imagery.

bronze-casting | Casting bronze
Most bronze sculptures are made by the lost-wax method: a wax model is covered in a heat-resistant
mould, the wax is melted out, and molten metal is poured into the space it leaves.

learn-guitar | Learning the guitar
Start with a few open chords such as G, C, D and E minor, and practise switching between them
slowly; fifteen minutes every day beats two hours once a week. Sore fingertips are normal for the
first few weeks.

museum-visit | Visiting a large art museum
Do not try to see everything. Pick one wing or a handful of works, go early or late in the day, and
take a break in the café before your feet give out.

three-acts | Three-act structure
Many stories follow three acts: a setup that introduces the characters and their problem, a
confrontation in which things get worse, and a resolution.

choir | Singing in a choir
Choirs usually divide voices into soprano, alto, tenor and bass. Regular rehearsal and breathing
from the diaphragm improve the tone, and many community choirs do not require you to read music.

book-club | Running a book club
Choose books that spark disagreement, keep the group small enough for everyone to speak, and agree
on the next title before you leave.

restoration | Restoring old paintings
Conservators remove yellowed varnish with carefully chosen solvents and fill losses only with
reversible materials, so that future restorers can undo their work.

tango | Argentine tango
Tango grew up in the working-class neighbourhoods of Buenos Aires and Montevideo in the late
nineteenth century. The dance is improvised: the leader proposes each step through the embrace.

graphic-novels | Graphic novels
Comics for adults, often called graphic novels, combine words and sequential pictures to tell
long-form stories, from memoir and history to fantasy.
"""

# Long documents: several paragraphs each, so the indexer splits them into passages.
LONG.append(("science", "star-life", 2000, "The life and death of stars", """
    A star begins inside a cold cloud of gas and dust. When part of the cloud becomes dense
    enough, gravity pulls it inward, and the collapsing clump heats up as it shrinks. Once the
    core reaches around ten million degrees, hydrogen nuclei start fusing into helium, releasing
    energy that pushes outward and halts the collapse. From that moment the object is a true
    star, balanced between the inward pull of its own weight and the outward pressure of the
    heat produced at its centre.

    Stars spend most of their lives in this steady hydrogen-burning phase, which astronomers call
    the main sequence. How long it lasts depends almost entirely on mass. A small red dwarf burns
    its fuel so slowly that it can shine for trillions of years, far longer than the universe has
    existed. The Sun, a fairly ordinary star, is about halfway through a main-sequence life of
    roughly ten billion years. A star twenty times heavier than the Sun may exhaust its core
    hydrogen in under ten million years.

    When the hydrogen in the core runs low, the star changes dramatically. The core contracts and
    heats up while the outer layers swell and cool, and the star becomes a red giant. In about
    five billion years the Sun will expand this way, probably engulfing Mercury and Venus. Later
    it will shed its outer layers as a glowing shell of gas, a planetary nebula, leaving behind a
    white dwarf: a hot, dense remnant about the size of the Earth that slowly cools over billions
    of years.

    Massive stars end far more violently. They fuse heavier and heavier elements in their cores,
    from carbon and oxygen up to iron. Fusing iron releases no energy, so once an iron core has
    formed, nothing supports it. It collapses in less than a second, and the rebound blows the
    rest of the star apart in a supernova that can briefly outshine an entire galaxy. What remains
    is either a neutron star, an object heavier than the Sun squeezed into a sphere the size of a
    city, or, if enough mass is left, a black hole.

    These deaths matter to us directly. Supernovae and the winds of dying giants scatter carbon,
    oxygen, iron and other heavy elements into space, where they are swept up into new clouds,
    new stars and new planets. Almost every atom in our bodies heavier than hydrogen was forged
    inside a star that lived and died before the Sun was born.
"""))

LONG.append(("science", "plate-tectonics", 1970, "Plate tectonics: why the ground moves", """
    The outer shell of the Earth is not one solid piece. It is broken into about a dozen large
    plates and many smaller ones, each made of crust and the rigid top of the mantle beneath it.
    The plates float on hotter, slowly flowing rock and move a few centimetres a year, about as
    fast as fingernails grow. Over millions of years those small movements add up to entire
    oceans opening and closing.

    The idea took a long time to be accepted. In the early twentieth century Alfred Wegener noticed
    that the coastlines of Africa and South America fit together like puzzle pieces and that
    matching fossils and rock formations appear on both sides of the Atlantic. He proposed that
    the continents had drifted apart, but he could not explain what moved them, and most
    geologists rejected the theory. Only in the 1960s, when ships mapped the ocean floor and found
    long volcanic ridges and stripes of magnetised rock on either side of them, did the evidence
    become overwhelming: new sea floor was being created at the ridges and spreading outward.

    What happens at the edges of plates shapes the planet's surface. Where plates pull apart, as
    along the Mid-Atlantic Ridge or in Iceland, magma rises to fill the gap. Where they collide,
    the denser plate, usually ocean floor, dives beneath the other in a process called subduction,
    creating deep trenches and chains of explosive volcanoes such as those around the Pacific. When
    two continents meet, neither sinks easily, and the crust crumples upward; the Himalayas are
    still rising as India pushes into Asia.

    Where plates grind past each other sideways, stress builds up along the fault until the rock
    suddenly slips. The shaking that follows is an earthquake. The San Andreas Fault in California
    is the best-known example of such a boundary. Earthquakes under the sea can lift or drop a
    large block of sea floor, displacing the water above it and sending out a tsunami that crosses
    an ocean at the speed of a jet airliner.

    Plate movements also affect climate and life over long spans of time. As continents wander
    across latitudes, their climates change, ocean currents are redirected, and animals and plants
    are separated or brought together. The fact that kangaroos live only in Australia, for
    example, owes a great deal to the continent's long isolation after it split from Antarctica.
"""))

LONG.append(("science", "water-cycle", None, "The water cycle", """
    The water on Earth is constantly on the move, passing between the oceans, the air, the land and
    living things. The total amount barely changes; what changes is where it is and in what form.
    Scientists call this endless circulation the water cycle, or the hydrological cycle, and it is
    driven by two forces: the heat of the Sun and the pull of gravity.

    Most of the journey starts at the surface of the sea. Sunlight warms the water, and some of it
    evaporates, rising into the air as invisible vapour. Plants add more: they draw water up from
    the soil through their roots and release it through tiny pores in their leaves, a process known
    as transpiration. A single large tree can give off hundreds of litres on a hot summer day. Ice
    and snow can also turn straight into vapour without melting first.

    As moist air rises, it cools, and cool air can hold less vapour. The vapour condenses onto
    specks of dust, salt and smoke, forming the tiny droplets that make up clouds. When the
    droplets collide and grow heavy enough, they fall as rain, or as snow and hail when the air is
    cold enough. Precipitation is very unevenly spread: some rainforests receive several metres a
    year, while parts of the driest deserts go years without a shower.

    Once on the ground, water takes many routes. Some runs off the surface into streams and rivers
    and flows back to the sea. Some soaks into the soil, where plants use it, and some trickles
    deeper to fill the cracks and pores of rocks, becoming groundwater. Groundwater can stay
    underground for thousands of years before it emerges in springs or is pumped up from wells. In
    cold regions water may be stored for even longer in glaciers and ice sheets, which hold most of
    the world's fresh water.

    Human activity is changing parts of the cycle. A warmer atmosphere holds more moisture, which
    tends to make heavy downpours heavier and droughts more severe in some regions. Paving over land
    sends rain rushing into drains instead of soaking in, and pumping groundwater faster than it is
    replenished lowers water tables. Understanding the cycle is therefore central to managing
    floods, farming and drinking water supplies.
"""))

LONG.append(("history", "silk-road", None, "The Silk Road", """
    The Silk Road was never a single road. The name, coined by a German geographer in the
    nineteenth century, describes a shifting web of caravan routes that linked China with Central
    Asia, Persia, India and the Mediterranean for more than fifteen hundred years. Few traders
    travelled the whole length; goods passed from hand to hand, changing owners at oasis towns and
    markets along the way, and rising in price at every step.

    Chinese silk was the most famous export, prized in Rome so highly that moralists complained
    about the gold flowing east to pay for it. But the traffic carried much more: spices, tea,
    porcelain, lacquerware and paper moved west, while horses, glassware, wool, silver and new
    crops such as grapes and alfalfa moved east. Cities such as Samarkand, Bukhara and Kashgar grew
    rich on the trade, their bazaars and caravanserais offering rest to travellers and their
    camels after weeks crossing deserts and mountain passes.

    Ideas travelled with the merchants. Buddhism spread from India into Central Asia and China
    along these routes, leaving behind cave temples filled with painted murals and carved statues.
    Later, Islam spread along the same paths, as did Christian and Manichaean communities.
    Techniques travelled too: papermaking reached the Islamic world from China in the eighth
    century and from there eventually reached Europe, with enormous consequences for learning.

    Not everything that moved was welcome. Historians believe the plague that devastated Europe in
    the fourteenth century travelled westward along trade routes across the steppe, carried by
    fleas on rodents and by the people and goods on the move. Armies used the same roads, and the
    security of the routes depended on the power of the empires that controlled them. The trade
    flourished under the Tang dynasty and again in the thirteenth century, when the Mongol empire
    stretched from Korea to Hungary and made overland travel unusually safe.

    From the fifteenth century onward, the overland routes declined. Sea voyages around Africa and
    across the Indian Ocean could carry far larger cargoes more cheaply, and the political unity of
    the steppe broke apart. Yet the Silk Road left a lasting mark on the food, religions, languages
    and art of the lands it connected, and the name is still used today for modern projects that
    aim to link Asia and Europe by rail, road and pipeline.
"""))

LONG.append(("history", "black-death", None, "The Black Death", """
    In 1347 ships arriving in Sicily from the Black Sea brought with them a disease that would kill
    somewhere between a third and a half of Europe's population within five years. Contemporaries
    called it the great mortality or the pestilence; the name Black Death came later. Modern
    analysis of DNA recovered from the skeletons of victims has confirmed that the cause was the
    bacterium Yersinia pestis, the agent of plague.

    The disease took several forms. The bubonic form, spread mainly by the bites of infected fleas,
    produced painful swellings called buboes in the groin and armpits, along with fever and
    exhaustion; many who caught it died within a week. The pneumonic form attacked the lungs, passed
    directly from person to person through coughing, and was almost always fatal. Doctors of the
    time had no idea how it spread. Some blamed bad air, others the positions of the planets or
    divine punishment.

    The impact on daily life was overwhelming. Whole villages were emptied, and in cities the dead
    were buried in mass graves because there was no one left to dig individual ones. Fear led to
    terrible persecution: in many towns Jewish communities were falsely accused of poisoning wells
    and were massacred. Groups of flagellants wandered from town to town, whipping themselves in
    public in the hope of earning God's mercy.

    The long-term consequences reshaped European society. With so many workers dead, labour became
    scarce, and surviving peasants and craftsmen could demand higher wages and better conditions.
    Rulers tried to freeze wages by law, which fed resentment and contributed to revolts such as
    the English Peasants' Revolt of 1381. Land became cheaper, diets for many survivors improved,
    and the old system of serfdom weakened in much of western Europe.

    Plague did not disappear after 1351. It returned in waves for more than three centuries, and
    cities developed early public health measures in response: boards of health, isolation
    hospitals and the practice of holding ships and travellers apart for forty days, the quaranta
    giorni that gave us the word quarantine. The disease still exists in some wild rodent
    populations today, but it can be treated with antibiotics.
"""))

LONG.append(("history", "space-race", 1975, "The race to the Moon", """
    The contest between the United States and the Soviet Union to reach space grew directly out of
    the Cold War. Both countries had captured German rocket engineers and documents at the end of
    the Second World War, and both understood that a rocket capable of launching a satellite could
    also carry a nuclear warhead across the world. Success in space became a way of demonstrating
    technological and political superiority without firing a shot.

    The Soviet Union took an early lead. In October 1957 it launched Sputnik 1, a polished metal
    sphere that circled the Earth every ninety-six minutes, sending out a simple radio beep that
    amateurs around the globe could hear. A month later the dog Laika was sent into orbit. In April
    1961 Yuri Gagarin became the first human in space, completing a single orbit before returning
    safely, and in 1963 Valentina Tereshkova became the first woman to fly in space.

    The American response was to set a goal that seemed almost impossible. In May 1961 President
    John F. Kennedy asked Congress to commit the nation to landing a man on the Moon and returning
    him safely before the decade was out. NASA's budget soared, and at its peak the programme
    employed hundreds of thousands of people across government, universities and industry. The
    Mercury and Gemini missions taught astronauts how to live and work in orbit, rendezvous with
    other spacecraft and walk outside them.

    The path was not without tragedy. In January 1967 a fire during a ground test killed the three
    astronauts of Apollo 1, and the spacecraft was extensively redesigned. Soviet efforts suffered
    their own setbacks, including the death of a cosmonaut on the first Soyuz flight and repeated
    failures of the giant N1 rocket intended for a lunar landing. In December 1968 Apollo 8 carried
    three astronauts around the Moon, and their photograph of the Earth rising above the lunar
    horizon became one of the most famous images ever taken.

    On 20 July 1969 the lunar module of Apollo 11 touched down, and a few hours later Neil
    Armstrong stepped onto the surface. Five more crews landed before the programme ended in 1972,
    bringing back 382 kilograms of rock and soil. The race then gave way to cooperation: in 1975 an
    American Apollo and a Soviet Soyuz spacecraft docked in orbit, and their crews shook hands
    through the open hatch.
"""))

LONG.append(("technology", "public-key", 2005, "How public-key cryptography works", """
    For most of history, secret messages relied on a shared key. The sender and the receiver both
    had to know the same secret, whether it was a substitution alphabet or the daily settings of a
    cipher machine, and getting that secret to the other side safely was the weak point. If you
    want to shop from a website you have never visited before, there is no way to meet the shop in
    advance and agree on a key.

    Public-key cryptography, developed in the 1970s, solved this problem with a pair of
    mathematically linked keys. One, the public key, can be handed out to anyone. The other, the
    private key, never leaves its owner. Anything locked with the public key can only be unlocked
    with the matching private key. A useful picture is a padlock: you can give open padlocks to
    everyone, and anyone can snap one shut on a box, but only you hold the key that opens it.

    The security rests on mathematical problems that are easy in one direction and extremely hard
    in the other. In the RSA system, the public key contains the product of two very large prime
    numbers. Multiplying the primes is quick, but recovering them from the product would take even
    the fastest computers an impractically long time. Other systems, such as elliptic-curve
    cryptography, use different hard problems and can reach the same strength with much shorter
    keys, which makes them popular on phones and small devices.

    The same key pair can also produce digital signatures. Here the owner uses the private key to
    create a signature over a document, and anyone with the public key can check that the
    signature is genuine and that the document has not been altered since it was signed. Software
    updates, banking apps and electronic contracts rely on signatures to prove where data came
    from.

    In practice public-key operations are slow, so real systems combine the two approaches. When
    your browser connects to a site over HTTPS, the two sides use public-key methods only to agree
    on a fresh shared key, and then switch to fast symmetric encryption for the rest of the
    conversation. The site also presents a certificate: a statement, signed by a trusted
    certificate authority, that binds its public key to its domain name. Without that step an
    attacker could simply hand you their own public key and read everything you send.
"""))

LONG.append(("technology", "db-indexes", None, "Databases and indexes for beginners", """
    A database is an organised collection of data together with software for storing, changing and
    finding it. The most common kind, the relational database, keeps data in tables made of rows
    and columns, much like a set of spreadsheets. A shop might have one table of customers, one of
    products and one of orders, with each order row pointing to a customer and a product by their
    identifiers instead of copying their details.

    Programs talk to relational databases in SQL, a language for describing what you want rather
    than how to get it. A query such as SELECT name FROM customers WHERE city = 'Leeds' states the
    result; the database's query planner decides how to produce it. That separation is powerful,
    because the same query keeps working as the data grows from a hundred rows to a hundred million,
    but it also means performance depends on choices the planner can make.

    Without help, the only way to answer that query is to read every row of the table and check
    its city, a full table scan. An index is the help. Like the index at the back of a book, it is
    a separate, sorted structure that maps values to the places where they occur. Most databases
    use a B-tree, a shallow, wide tree that keeps keys in order, so the database can jump to Leeds
    in a handful of steps and read only the matching rows. Sorted order also makes range queries
    such as all orders placed in March fast.

    Indexes are not free. Each one takes disk space, and every insert, update or delete must also
    update every index on the table, so a table with many indexes is slower to write. A good rule
    is to index the columns you filter and join on most often, and to check with the database's
    EXPLAIN command whether a slow query actually uses the index you expected. An index on a column
    with only a few distinct values, such as a yes-or-no flag, rarely helps.

    Other kinds of data call for other kinds of index. Full-text search engines build an inverted
    index that lists, for each word, the documents that contain it. Geographic databases use
    spatial indexes to find points inside an area. Systems that search by meaning store numeric
    vectors and use approximate nearest-neighbour structures, such as graphs in which each vector
    links to its closest neighbours, to find similar items without comparing the query against
    every stored vector.
"""))

LONG.append(("technology", "search-ranking", 2020, "How search engines find and rank documents", """
    Every search engine has to solve two problems: finding the documents that could answer a
    query, and putting the best of them first. For decades the standard approach has been lexical.
    The engine splits each document into words, normalises them, for example by lower-casing and
    cutting endings so that running and runs match run, and records which documents contain each
    term in an inverted index. At query time it looks up the query's words and combines the lists.

    To rank the matches, lexical engines score how well each document fits. Classic formulas such
    as TF-IDF and its successor BM25 reward documents in which the query terms appear often, while
    giving more weight to rare terms than to common ones: a match on tardigrade says much more than
    a match on the. BM25 also stops rewarding repetition after a point and adjusts for length, so a
    short page that mentions a term twice can outrank a long one that mentions it three times.

    The weakness of this approach is vocabulary. If the query says doctor and the page says
    physician, or a user asks how to fix a laptop that will not power up while the help article
    talks about a notebook that fails to start, the words do not overlap and the page is never
    found. Synonym lists and spelling correction help, but they cannot cover every way people
    express the same idea.

    Semantic search attacks the problem from the other side. A neural network, typically a
    transformer trained on millions of pairs of related sentences, converts each text into an
    embedding: a list of a few hundred numbers that places it in a space where texts with similar
    meanings lie close together. The query is embedded the same way, and the engine returns the
    documents whose vectors are nearest, usually by cosine similarity. Because comparing the query
    against millions of vectors one by one is slow, engines use approximate nearest-neighbour
    indexes such as HNSW graphs, which find almost all of the true neighbours in a tiny fraction of
    the time.

    Neither method wins everywhere. Embeddings excel at paraphrases and natural-language questions
    but can miss exact identifiers, product codes and rare names, where keyword matching is
    reliable. Many systems therefore run both and merge the ranked lists, for example with
    reciprocal rank fusion, which rewards documents that rank well in either list. Long documents
    are usually split into passages first, since an embedding can only summarise a limited amount
    of text, and the best passage represents the document in the results.
"""))

LONG.append(("cooking", "sourdough", None, "Baking sourdough bread at home", """
    Sourdough is bread raised without commercial yeast. Instead, the baker keeps a starter: a
    mixture of flour and water colonised by wild yeasts and lactic acid bacteria from the flour,
    the air and the baker's hands. The yeasts produce the gas that makes the dough rise, while the
    bacteria produce acids that give the bread its tang and help it keep for longer than an
    ordinary loaf.

    Making a starter takes about a week. Mix equal weights of wholemeal flour and water in a jar,
    cover it loosely and leave it somewhere warm. Each day, discard most of it and feed what remains
    with fresh flour and water. For the first few days it may smell odd and bubble furiously, then
    go quiet; this is normal, as different microbes compete. Once it reliably doubles in size within
    four to eight hours of feeding and smells pleasantly sour, it is ready to bake with. A mature
    starter can be kept in the fridge and fed once a week.

    A basic loaf needs only flour, water, salt and starter. Mix the flour and most of the water and
    leave it for half an hour, a rest called autolyse that lets the flour absorb the water and
    gluten begin to form. Then add the active starter, the salt and the rest of the water. Instead
    of kneading, many home bakers give the dough a series of stretches and folds every half hour
    for the first two hours, gently pulling one side up and over the rest, which builds strength
    without much effort.

    The bulk fermentation that follows is where most loaves succeed or fail. Depending on the
    warmth of the kitchen it can take four to twelve hours; the dough is ready when it has grown by
    roughly half, feels airy and shows bubbles at the sides of the bowl. Shape it into a tight
    round, place it seam side up in a floured basket and let it prove, ideally overnight in the
    fridge, where the slow, cool rise deepens the flavour and makes the dough easier to handle.

    Bake in the hottest oven you have, inside a preheated cast-iron pot with the lid on for the
    first twenty minutes. The trapped steam keeps the crust soft long enough for the loaf to spring
    up fully. Remove the lid and bake for another twenty to twenty-five minutes until the crust is
    a deep brown. Then comes the hardest part: let the bread cool for at least an hour before
    cutting, because the crumb is still setting as it cools.
"""))

LONG.append(("cooking", "browning", None, "Browning, caramelisation and flavour", """
    Much of what makes cooked food taste good comes from browning. The crust of a loaf, the seared
    surface of a steak, roasted coffee, toasted nuts and fried onions all owe their colour and much
    of their flavour to chemical reactions that only happen at high temperatures. Understanding
    them explains a lot of kitchen advice that otherwise sounds like superstition.

    The most important of these reactions is named after Louis-Camille Maillard, a French chemist
    who described it in 1912. When proteins, or rather the amino acids they are made of, are heated
    together with certain sugars, they react to form hundreds of new compounds responsible for
    savoury, roasted and meaty aromas and for brown pigments. The Maillard reaction proceeds
    slowly at lower temperatures but becomes rapid above about 140 °C, which is why boiled meat
    stays grey while seared meat turns brown.

    Caramelisation is a different process that involves sugar alone. When sugar is heated to
    around 160 °C or more, its molecules break apart and recombine into compounds with buttery,
    nutty and slightly bitter notes, turning the clear melt golden and then deep amber. Push it too
    far and the bitterness takes over and the sugar burns. Slowly cooked onions brown through both
    processes at once, as their natural sugars caramelise and react with their amino acids.

    Water is the enemy of browning. As long as a surface is wet, its temperature cannot rise much
    above the boiling point of water, far too cool for the Maillard reaction to run quickly. This
    is why cooks are told to pat meat dry before searing, to avoid crowding the pan, which traps
    steam, and to let mushrooms give up their liquid before they start to colour. A hot, heavy pan
    stores enough heat to drive off surface moisture quickly.

    A few other tricks shift the balance. A slightly alkaline environment speeds up browning, which
    is why pretzels are dipped in an alkaline solution before baking and why a pinch of baking soda
    helps onions colour faster. Brushing pastry with beaten egg adds protein and sugar to the
    surface for a glossy brown finish. Browning is not always wanted, though: for a pale sauce or a
    delicate fish, gentle heat keeps the flavours clean.
"""))

LONG.append(("travel", "lisbon", 2010, "Three days in Lisbon", """
    Lisbon spreads over a series of steep hills above the wide estuary of the Tagus, and the first
    thing most visitors learn is that walking here means climbing. Wear shoes with good grip, since
    the polished limestone pavements become slippery when wet, and use the old trams, funiculars and
    the iron Santa Justa lift to save your legs. A rechargeable transport card covers the metro,
    buses, trams and the river ferries.

    Spend the first day in the oldest quarters. Alfama, a tangle of stairways and alleys below the
    castle, survived the great earthquake of 1755 better than the rest of the city and still feels
    like a village. Climb to the Castelo de São Jorge for the view over the red rooftops, then
    wander down past the cathedral to the Baixa, the grid of elegant streets rebuilt after the
    earthquake, and out onto the vast riverside Praça do Comércio. In the evening, small
    restaurants in Alfama and the Bairro Alto offer fado, the melancholy song form for which the
    city is famous.

    On the second day head west along the river to Belém. The Jerónimos Monastery, with its
    extravagantly carved cloister, and the Tower of Belém are masterpieces of the Manueline style
    and reminders of the age when Portuguese ships sailed to India and Brazil. Nearby, a bakery has
    been selling custard tarts since the nineteenth century; expect a queue, and eat them warm
    with a dusting of cinnamon. The riverside path continues to modern museums of art,
    architecture and technology.

    For the third day, take the train from Rossio station to Sintra, about forty minutes away.
    Its wooded hills hide a romantic fantasy of palaces and gardens, from the brightly painted Pena
    Palace to the mysterious wells and grottoes of Quinta da Regaleira, as well as the ruins of a
    Moorish castle. Go early, book palace tickets online and use the local buses rather than trying
    to walk between the sights, which are far apart and uphill. If you prefer the sea, the
    suburban line from Cais do Sodré runs along the coast to the beaches and old fishing town of
    Cascais.

    Lisbon is at its most pleasant in spring and autumn, when it is warm but not hot. Lunch is
    the main meal for many locals, and a set menu of the day at a neighbourhood tasca is one of the
    best-value meals in western Europe. Finish each day at one of the miradouros, the public
    viewpoints scattered across the hills, where the setting sun turns the river gold.
"""))

LONG.append(("travel", "highlands-walking", None, "Hill walking in the Scottish Highlands", """
    The mountains of the Scottish Highlands are not high by world standards; the tallest, Ben
    Nevis, is only 1,345 metres. But their weather, their remoteness and the fact that many walks
    start close to sea level make them more serious than their height suggests. Conditions on the
    summits can be arctic even when the glens below are mild, and every year mountain rescue teams
    are called out to walkers who underestimated them.

    The weather is the first thing to plan around. It changes quickly, and cloud can cover the
    tops within minutes, reducing visibility to a few metres. Check a mountain-specific forecast
    rather than a general one, paying attention to wind speed on the summits, which can make
    walking difficult or dangerous, and to the freezing level. Carry waterproof jacket and
    trousers, a warm layer, a hat and gloves even in summer, plus food, water and a small first-aid
    kit.

    Navigation skills matter more than fitness. Paths on popular hills are usually clear, but on
    broad, featureless plateaus they can vanish, and phone batteries die in the cold. Take a paper
    map and a compass and know how to use them together, ideally after practising on an easier day.
    In winter, snow and ice turn many routes into mountaineering, requiring an ice axe, crampons
    and the training to use them, and daylight may last only seven hours.

    Scotland has generous access rights. Under the Scottish Outdoor Access Code you may walk over
    most land and camp wild, provided you do so responsibly: leave gates as you found them, keep
    dogs under control near livestock and ground-nesting birds, and take all your litter home. In
    some areas deer stalking takes place from late summer into the autumn, and estates ask walkers
    to follow particular routes on stalking days.

    Summer brings its own nuisance in the form of midges, tiny biting insects that swarm on still,
    damp evenings, especially in the west. A breeze keeps them away, and insect repellent and a head
    net make camping bearable. Many walkers aim to climb the Munros, the 282 Scottish mountains over
    3,000 feet, a goal that can take a lifetime. If something goes wrong in the hills, call the
    emergency number and ask for the police, then mountain rescue.
"""))

LONG.append(("travel", "japan-rail", 2020, "Getting around Japan by train", """
    Japan has one of the best railway networks in the world, and for most visitors it is the
    easiest way to travel between cities. The trains are clean, frequent and so punctual that
    delays of a minute or two are announced with an apology. Signs in the major stations are in
    English as well as Japanese, and announcements on long-distance trains are usually bilingual.

    The fastest services are the Shinkansen, often called bullet trains, which run at up to 320
    kilometres an hour on dedicated tracks. The line between Tokyo and Osaka, via Nagoya and Kyoto,
    is the busiest, with departures every few minutes at peak times; the fastest trains cover the
    distance in about two and a half hours. Other lines run north to Sendai and Hokkaido, west to
    Hiroshima and Fukuoka, and across to the Sea of Japan coast at Kanazawa.

    Most Shinkansen have both reserved and non-reserved cars. Reserved seats can be booked at
    ticket machines, staffed offices or online, and are worth it during holiday periods, when the
    non-reserved cars fill quickly. Large suitcases need care: on the main line between Tokyo and
    Hakata, luggage above a certain size requires a seat with an oversized-baggage area to be
    booked in advance. Many travellers avoid the problem by sending their cases ahead with a
    luggage delivery service, which is cheap and reliable.

    Overseas visitors can buy the Japan Rail Pass, which gives unlimited travel on most national
    railway trains, including most Shinkansen, for seven, fourteen or twenty-one days. Since the
    price rose, the pass pays off mainly for long itineraries that cover the country from end to
    end; for a trip limited to Tokyo, Kyoto and Osaka, individual tickets are often cheaper. Regional
    passes cover smaller areas for less.

    Within cities, rechargeable IC cards such as Suica or ICOCA are the easiest way to pay. You tap
    them on the gate when you enter and leave, and the fare is deducted automatically; they also
    work on buses and in many shops and vending machines. Travel outside the morning and evening
    rush hours if you can, when commuter trains in Tokyo and Osaka are packed. On longer journeys,
    buy a boxed lunch called an ekiben at the station: regional specialities are part of the
    pleasure of travelling by rail.
"""))

LONG.append(("health", "blood-pressure", 1990, "Understanding blood pressure", """
    Every time the heart beats, it pushes blood into the arteries, and the force of that blood
    against the artery walls is what we call blood pressure. It is written as two numbers, for
    example 120 over 80, measured in millimetres of mercury. The first, the systolic pressure, is
    the peak as the heart contracts; the second, the diastolic pressure, is the lowest point as the
    heart relaxes between beats.

    Pressure that stays raised over time, hypertension, is one of the most common long-term health
    problems in the world, and one of the most dangerous precisely because it usually feels like
    nothing at all. Most people with it have no symptoms. Meanwhile the extra strain stiffens and
    damages the arteries and makes the heart work harder, raising the risk of stroke, heart attack,
    heart failure, kidney disease and dementia. Guidelines differ slightly, but readings
    consistently at or above about 130 to 140 over 80 to 90 are generally treated as too high.

    A single high reading does not mean you have the condition. Pressure rises with stress,
    exercise, caffeine and even the anxiety of being measured in a clinic, which is known as white
    coat hypertension. Doctors therefore look at several readings taken on different days, and
    many recommend measuring at home with an automatic cuff: sit quietly for five minutes with your
    back supported and your arm resting at heart level, and take two readings a minute apart.

    Lifestyle has a large effect. Eating less salt is one of the most effective changes, and much
    of the salt in a typical diet comes from bread, processed meat, ready meals and restaurant food
    rather than the salt shaker. Eating more vegetables, fruit and whole grains, keeping to a
    healthy weight, being active on most days, drinking less alcohol and not smoking all help. For
    some people these changes are enough to bring the numbers down.

    When they are not, medication works well. Several classes of drugs are used, including ones
    that relax blood vessels and ones that help the kidneys remove excess salt and water, and many
    people need two or more. Side effects can often be managed by switching to a different drug.
    The most important thing is to keep taking the treatment, since the benefit comes from keeping
    pressure down year after year, long after the diagnosis has stopped feeling urgent.
"""))

LONG.append(("health", "why-sleep", 2000, "Why sleep matters", """
    Sleep is not simply time when the body switches off. During the night the brain cycles through
    distinct stages roughly every ninety minutes: light sleep, deep slow-wave sleep, and rapid eye
    movement sleep, when most vivid dreaming happens. Deep sleep dominates the first half of the
    night and is important for physical recovery; REM sleep becomes longer towards morning and
    seems to play a part in emotional processing and memory.

    The effects of too little sleep show up quickly. After a single short night, attention,
    reaction time and mood all suffer, and people tend to underestimate how impaired they are.
    Driving while very tired is comparable to driving after drinking. Over months and years,
    regularly sleeping less than about seven hours is linked to weight gain, type 2 diabetes, high
    blood pressure, weaker immunity and depression, although it is not always clear which comes
    first.

    Two systems decide when we feel sleepy. The first is sleep pressure, which builds steadily the
    longer we are awake, partly through the accumulation of a chemical called adenosine; caffeine
    works by blocking its effects. The second is the circadian rhythm, an internal clock of about
    twenty-four hours that is set mainly by light. Bright light in the morning shifts the clock
    earlier, while bright light late in the evening, including from screens, pushes it later.

    Good sleep habits follow from these two systems. Keeping the same wake-up time every day, even
    at weekends, anchors the clock. Getting outside in daylight early in the day and dimming the
    lights in the evening helps too. Long naps late in the afternoon relieve sleep pressure and make
    it harder to fall asleep at night, and caffeine after lunch can still be active at bedtime.
    Alcohol may make people drowsy, but it fragments sleep in the second half of the night.

    Occasional bad nights are normal and not a cause for worry. But if difficulty falling or staying
    asleep lasts for months, or if a partner notices loud snoring with pauses in breathing, it is
    worth seeing a doctor. Persistent insomnia responds well to a structured talking therapy, and
    sleep apnoea, in which the airway repeatedly closes during sleep, can be treated effectively
    once it has been diagnosed.
"""))

LONG.append(("sports", "first-marathon", None, "Training for your first marathon", """
    Running 42.2 kilometres is within reach of most healthy people who already run regularly, but
    it demands patience. A typical plan for a first marathon lasts sixteen to twenty weeks and
    assumes you can already run for about half an hour without stopping. If you cannot yet, spend a
    few months building up to that first, because trying to squeeze the whole preparation into a
    short period is the surest route to injury.

    The heart of marathon training is the weekly long run. It starts at a distance you already
    manage comfortably and grows by a kilometre or two most weeks, with an easier week every third
    or fourth week to let the body absorb the work. Most plans top out at around 30 to 35
    kilometres, three to four weeks before the race; there is no need to run the full distance in
    training. Long runs should be slow, at a pace at which you could hold a conversation.

    Around the long run, the rest of the week is mostly easy running, with perhaps one session of
    something faster, such as a steady tempo run or short intervals, to improve efficiency. At
    least one or two days a week should be complete rest or gentle cross-training like cycling or
    swimming. Many first-timers run too fast on their easy days and arrive at their long runs
    tired. Strength exercises for the hips, legs and core twice a week help keep injuries away.

    Fuelling is a skill to practise, not something to improvise on race day. The body stores only
    enough carbohydrate for roughly ninety minutes to two hours of hard running, so during long
    runs get used to taking in energy gels, sports drinks or other easily digested snacks every
    thirty to forty-five minutes. Try the exact products that will be offered on the course, or
    carry your own, and never try new shoes, clothes or breakfast on the day itself.

    In the final two to three weeks, reduce the training volume so that your legs are fresh on the
    start line. Many runners feel restless and sluggish during this taper; it is normal. On race
    day, start more slowly than feels necessary, because the adrenaline of the start makes any pace
    feel easy, and the second half of a marathon is where an over-ambitious first half is paid
    for. The aim of a first marathon is to finish it, and to want to run another.
"""))

LONG.append(("sports", "strength-basics", None, "Strength training for beginners", """
    Strength training means making your muscles work against resistance, whether that resistance is
    a barbell, a pair of dumbbells, an elastic band or your own body weight. Its benefits go well
    beyond bigger muscles. Regular training strengthens bones and tendons, improves balance and
    posture, helps control blood sugar and makes everyday tasks such as carrying shopping or
    climbing stairs easier, at any age.

    Beginners do best with a small number of compound exercises, movements that use several large
    muscle groups at once. A squat or a variation of it for the legs, a hip hinge such as the
    deadlift or a hip bridge, a push such as the push-up or bench press, a pull such as a row, and
    a carry or plank for the trunk cover almost the whole body. Two or three full-body sessions a
    week, on non-consecutive days, are enough to make steady progress for months.

    Technique comes first. Start with light weights, or none, and learn each movement until it
    feels smooth and controlled, with a neutral spine and joints moving through a comfortable range.
    Filming yourself or booking a couple of sessions with a qualified coach can catch habits that
    are hard to feel from the inside. Pain in a joint, as opposed to effort in a muscle, is a signal
    to stop and adjust.

    Progress depends on gradually asking more of the body, an idea known as progressive overload.
    Once you can complete all your planned repetitions with good form, add a little weight, an extra
    repetition or an extra set next time. A common starting point is two or three sets of eight to
    twelve repetitions per exercise, finishing each set with a couple of repetitions still in
    reserve. Keeping a simple log of what you lifted makes it easy to see when to increase the load.

    Muscles grow between sessions, not during them, so recovery is part of the programme. Sleep
    well, eat enough protein spread over the day, and allow at least a day between hard sessions for
    the same muscles. Some soreness a day or two after a new exercise is normal and fades as the body
    adapts. Consistency matters far more than any particular programme: the plan you will actually
    follow for a year beats the perfect plan you abandon after three weeks.
"""))

LONG.append(("arts", "jazz-history", 1970, "A short history of jazz", """
    Jazz was born in New Orleans around the turn of the twentieth century, in a port city where
    African American musical traditions met brass band marches, ragtime, the blues, church music
    and the songs of the Caribbean. Early bands played for parades, dances and funerals, weaving
    several melodies together at once, with the cornet leading, the clarinet decorating above it
    and the trombone sliding underneath.

    In the 1920s the music travelled north with the great migration of Black Americans to cities
    such as Chicago and New York, and it reached a national audience through records and radio.
    Louis Armstrong transformed it by showing that an improvised solo could be the centre of a
    performance, with a swing and inventiveness that influenced every instrumentalist and singer
    who followed. Jazz became the soundtrack of the decade, which is still sometimes called the Jazz
    Age.

    The 1930s and early 1940s were the era of the big bands. Orchestras led by Duke Ellington, Count
    Basie and Benny Goodman played arranged music for dancing, and swing became the popular music of
    the day. Ellington in particular wrote for the individual voices of his musicians, creating a
    body of compositions that remains among the most important in American music.

    After the Second World War, a younger generation in small New York clubs developed bebop, a fast,
    harmonically complex style meant for listening rather than dancing. Charlie Parker and Dizzy
    Gillespie were its leading figures. Over the following two decades jazz divided into many
    streams: the relaxed cool jazz of the West Coast, the blues-drenched hard bop, the modal
    approach of Miles Davis's album Kind of Blue, and the free jazz of Ornette Coleman, which
    abandoned fixed chord sequences altogether.

    From the late 1960s musicians began to combine jazz with rock, funk and electric instruments in
    what became known as fusion, while others looked to the music of Africa, Latin America and
    India. Today jazz is taught in conservatories around the world, yet it keeps the habits that
    defined it from the beginning: improvisation, a personal sound on one's instrument, and a
    conversation between musicians that happens in real time on the bandstand.
"""))

LONG.append(("arts", "abstract-art", None, "How to look at an abstract painting", """
    Many people stand in front of an abstract painting and feel they are missing something. There
    is no landscape to recognise, no face to read, no story to follow, and the nagging thought that
    a child could have done it is never far away. Yet abstract art rewards a different kind of
    looking, and a few simple approaches can turn puzzlement into genuine enjoyment.

    Start by giving the painting time. Most museum visitors spend only a few seconds in front of
    each work. Stand back first, at a distance where you can take in the whole canvas, and notice
    your first reaction: is it calm or agitated, warm or cold, heavy or light? Then move closer and
    look at the surface itself, the thickness of the paint, the marks of the brush or knife, the
    places where one colour has been laid over another or left to drip.

    Think about the basic elements the artist has chosen to work with: colour, line, shape, texture
    and scale. Abstract painters often remove recognisable subject matter precisely so that these
    elements can act on us directly, the way music does without describing anything. A huge field
    of deep red can feel enveloping; a few black lines on a white ground can feel tense or
    precarious. Scale matters enormously, which is why reproductions in books so often disappoint
    compared with the real work.

    Context helps, though it is not required. The pioneers of abstraction in the early twentieth
    century had very different aims. Some, like Wassily Kandinsky, believed colour and form could
    express spiritual states much as music expresses emotion. Others, like Piet Mondrian, sought a
    universal order through straight lines and primary colours. In post-war New York, the abstract
    expressionists made the act of painting itself the subject, flinging and pouring paint across
    canvases laid on the floor, or filling vast surfaces with softly glowing rectangles of colour.

    Finally, it is fine not to like everything. The aim is not to decode a hidden meaning, as if the
    painting were a puzzle with one correct answer, but to have an experience and to notice what
    causes it. Reading the title and the wall label afterwards, rather than before, lets you compare
    what you saw with what the artist or curator intended, and often sends you back for a second,
    more attentive look.
"""))

# Pairs of documents that say the same thing in different words.
PARAPHRASES = [
    ("sky-blue", "rayleigh-scatter"), ("boil-altitude", "pressure-boil"), ("moon-tides", "lunar-pull"),
    ("wall-fall", "berlin-barrier"), ("gutenberg", "movable-type"), ("apollo11", "first-moonwalk"),
    ("pw-reset", "login-recover"), ("laptop-battery", "notebook-runtime"), ("wifi-slow", "network-sluggish"),
    ("rest-meat", "wait-before-carving"), ("onion-tears", "cold-onions"), ("pasta-water", "starchy-liquid"),
    ("jet-lag", "body-clock"), ("cheap-flights", "budget-airfare"), ("pack-light", "cabin-bag"),
    ("water-headache", "fluids-head-pain"), ("sleep-faster", "drift-off"), ("heart-attack-signs", "mi-symptoms"),
    ("marathon-taper", "ease-off"), ("warm-up", "pre-exercise"),
    ("watercolour-start", "water-pigments"), ("sonnet", "fourteen-lines"),
]

# Pairs of almost identical documents (a reposted or lightly edited copy).
NEAR_DUPLICATES = [
    ("photosynthesis", "photosynthesis-2"), ("titanic", "titanic-2"), ("pw-reset", "pw-reset-2"),
    ("pancakes", "pancakes-2"), ("museum-hours", "museum-hours-2"), ("flu-vaccine", "flu-vaccine-2"),
    ("match-report", "match-report-2"), ("exhibition", "exhibition-2"),
]

# Queries and their judged documents: 2 = answers the query, 1 = related, useful in part.
# Many are worded so that the best documents share few or none of their words.
QUERIES = [
    ("q01", "I forgot my password and can't log in",
     {"pw-reset": 2, "login-recover": 2, "pw-reset-2": 2, "password-manager": 1}),
    ("q02", "automobile upkeep", {"car-maintenance": 2, "used-car": 1}),
    ("q03", "what to check when buying a used car", {"used-car": 2, "car-maintenance": 1}),
    ("q04", "symptoms of a heart attack", {"heart-attack-signs": 2, "mi-symptoms": 2}),
    ("q05", "high blood pressure", {"hypertension": 2, "blood-pressure": 2, "mediterranean-diet": 1}),
    ("q06", "how to cook eggplant without it getting oily", {"aubergine": 2}),
    ("q07", "zucchini recipe", {"courgette-fritters": 2}),
    ("q08", "why does cilantro taste like soap to some people", {"coriander": 2, "guacamole": 1}),
    ("q09", "why is the sky blue", {"sky-blue": 2, "rayleigh-scatter": 2, "rainbow": 1}),
    ("q10", "what makes the ocean come in and go out every day", {"moon-tides": 2, "lunar-pull": 2}),
    ("q11", "how to stop your eyes watering when you cut onions", {"onion-tears": 2, "cold-onions": 2}),
    ("q12", "cheap plane tickets", {"cheap-flights": 2, "budget-airfare": 2}),
    ("q13", "affordable accommodation when travelling", {"lodging": 2, "hostel": 2, "vacation-rental": 1}),
    ("q14", "adjusting to a new time zone after a long flight", {"jet-lag": 2, "body-clock": 2}),
    ("q15", "I can't fall asleep at night",
     {"sleep-faster": 2, "drift-off": 2, "insomnia-therapy": 2, "why-sleep": 1, "caffeine": 1}),
    ("q16", "my notebook computer won't power up", {"laptop-wont-start": 2}),
    ("q17", "make my laptop battery last longer", {"laptop-battery": 2, "notebook-runtime": 2, "dark-mode": 1}),
    ("q18", "internet at home is really slow", {"wifi-slow": 2, "network-sluggish": 2, "router-restart": 1}),
    ("q19", "soccer offside rule explained", {"offside": 2}),
    ("q20", "getting ready for a long distance race",
     {"marathon-taper": 2, "ease-off": 2, "first-marathon": 2, "sports-drinks": 1}),
    ("q21", "using sunshine to power my house", {"solar-cells": 2}),
    ("q22", "when did the Berlin Wall come down", {"wall-fall": 2, "berlin-barrier": 2, "cold-war": 1}),
    ("q23", "first people to walk on the Moon", {"apollo11": 2, "first-moonwalk": 2, "space-race": 2}),
    ("q24", "invention of printing in Europe", {"gutenberg": 2, "movable-type": 2}),
    ("q25", "dark crime movies from the 1940s", {"film-noir": 2}),
    ("q26", "who writes the music in movies", {"film-scores": 2}),
    ("q27", "beginner watercolor painting",
     {"watercolour-start": 2, "water-pigments": 2, "complementary-colours": 1}),
    ("q28", "poem with fourteen lines", {"sonnet": 2, "fourteen-lines": 2}),
    ("q29", "my toddler has a temperature", {"infant-fever": 2}),
    ("q30", "protecting a website from injected JavaScript", {"xss-basics": 2, "html-escape": 2}),
    ("q31", "finding documents by meaning instead of exact words",
     {"semantic-search": 2, "search-ranking": 2, "db-indexes": 1}),
    ("q32", "what to feed a puppy", {"canine-diet": 2}),
    ("q33", "how do stars die", {"star-life": 2, "black-hole": 1}),
    ("q34", "what caused the plague in medieval Europe", {"black-death": 2, "silk-road": 1}),
    ("q35", "how earthquakes happen", {"plate-tectonics": 2, "quake-scale": 1}),
]


def parse_short(section, blocks):
    docs = []
    for block in re.split(r"\n\s*\n", blocks.strip()):
        lines = [line.strip() for line in block.strip().splitlines()]
        head, _, title = lines[0].partition("|")
        key, _, min_year = head.strip().partition("@")
        if not title.strip() or len(lines) < 2:
            raise ValueError(f"{section}: malformed block starting {lines[0]!r}")
        docs.append({
            "key": key.strip(),
            "min_year": int(min_year) if min_year else None,
            "title": title.strip(),
            "text": " ".join(lines[1:]),
        })
    return docs


def paragraphs(text):
    paras = re.split(r"\n\s*\n", textwrap.dedent(text).strip())
    return "\n\n".join(" ".join(line.strip() for line in para.splitlines()) for para in paras)


def build():
    rng = random.Random(SEED)
    by_section = {section: parse_short(section, SHORT[section]) for section in SECTIONS}
    for section, key, min_year, title, text in LONG:
        by_section[section].append({"key": key, "min_year": min_year, "title": title, "text": paragraphs(text)})

    docs, ids = [], {}
    for section, (prefix, first_year, authors) in SECTIONS.items():
        entries = by_section[section]
        rng.shuffle(entries)  # so that paired documents don't get neighbouring ids
        names, weights = zip(*authors)
        for number, entry in enumerate(entries, 1):
            if entry["key"] in ids:
                raise ValueError(f"duplicate key {entry['key']}")
            doc_id = f"{prefix}-{number:03d}"
            ids[entry["key"]] = doc_id
            docs.append({
                "id": doc_id,
                "title": entry["title"],
                "text": entry["text"],
                "section": section,
                "year": rng.randint(max(first_year, entry["min_year"] or 0), LAST_YEAR),
                "author": rng.choices(names, weights)[0],
            })
    rng.shuffle(docs)

    def doc_id(key):
        if key not in ids:
            raise ValueError(f"unknown document key {key}")
        return ids[key]

    pairs = [(doc_id(a), doc_id(b), "paraphrase") for a, b in PARAPHRASES]
    pairs += [(doc_id(a), doc_id(b), "near-duplicate") for a, b in NEAR_DUPLICATES]
    qrels = [(qid, doc_id(key), rel) for qid, _, judged in QUERIES for key, rel in judged.items()]
    return docs, pairs, qrels


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
    os.makedirs(out, exist_ok=True)
    docs, pairs, qrels = build()
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for doc in docs:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("qid\ttext\n")
        for qid, text, _ in QUERIES:
            f.write(f"{qid}\t{text}\n")
    with open(os.path.join(out, "qrels.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("qid\tdocid\trelevance\n")
        for qid, docid, rel in qrels:
            f.write(f"{qid}\t{docid}\t{rel}\n")
    with open(os.path.join(out, "pairs.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("docid1\tdocid2\tkind\n")
        for a, b, kind in pairs:
            f.write(f"{a}\t{b}\t{kind}\n")
    long_docs = sum(1 for doc in docs if len(doc["text"]) > 1500)
    print(f"wrote {len(docs)} documents ({long_docs} over 1,500 characters), {len(QUERIES)} queries, "
          f"{len(qrels)} judgements, {len(PARAPHRASES)} paraphrase and {len(NEAR_DUPLICATES)} near-duplicate pairs to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
