package io.semsearch.indexer.input;

import static io.semsearch.indexer.input.CorpusTestFiles.documents;
import static io.semsearch.indexer.input.CorpusTestFiles.readAll;
import static io.semsearch.indexer.input.CorpusTestFiles.withInvalidByte;
import static io.semsearch.indexer.input.CorpusTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {

  @TempDir Path root;

  @Test
  void walksNestedFoldersInNameOrderAndIgnoresOtherFiles() throws IOException {
    write(root.resolve("b.txt"), "Plain text file.\n");
    write(root.resolve("a/z.md"), "Intro line\n\n## Second-level heading ##\n\nBody.\n");
    write(
        root.resolve("a/deeper/page.HTM"),
        "<html><body><h1>Heading &amp; more</h1><p>Para</p></body></html>");
    write(root.resolve("a/notes.pdf"), "ignored");
    write(root.resolve("c.json"), "{}");
    write(root.resolve(".git/readme.txt"), "hidden");
    write(root.resolve(".hidden.txt"), "hidden");
    Files.createDirectories(root.resolve("empty/dir"));

    List<CorpusRecord> records = readAll(root);

    assertThat(records).allMatch(CorpusDocument.class::isInstance);
    assertThat(documents(records))
        .extracting(
            CorpusDocument::id,
            CorpusDocument::title,
            CorpusDocument::text,
            CorpusDocument::location)
        .containsExactly(
            tuple(
                "a/deeper/page.HTM",
                "Heading & more",
                "Heading & more\n\nPara",
                root.resolve("a/deeper/page.HTM").toString()),
            tuple(
                "a/z.md",
                "Second-level heading",
                "Intro line\n\n## Second-level heading ##\n\nBody.",
                root.resolve("a/z.md").toString()),
            tuple("b.txt", "b", "Plain text file.", root.resolve("b.txt").toString()));
  }

  @Test
  void htmlIsStrippedAndTitledFromItsTitleElement() throws IOException {
    write(
        root.resolve("doc.html"),
        """
        <!DOCTYPE html>
        <html><head><title>The  &quot;Real&quot; Title</title>
        <style>body { color: red; }</style>
        <script type="text/javascript">if (a < b && c > d) { alert("x"); }</script>
        </head>
        <body><!-- a comment -->
        <h1>Shown heading</h1>
        <p>Fish &amp; chips &lt;3 &#39;yes&#39; &#x2014; caf&eacute; done&nbsp;now.</p>
        <p>Line one<br>Line two</p>
        </body></html>
        """);

    CorpusDocument doc = documents(readAll(root)).get(0);

    assertThat(doc.id()).isEqualTo("doc.html");
    assertThat(doc.title()).isEqualTo("The \"Real\" Title");
    assertThat(doc.text())
        .isEqualTo(
            "Shown heading\n\n"
                + "Fish & chips <3 'yes' \u2014 caf&eacute; done now.\n\n"
                + "Line one\n"
                + "Line two");
  }

  @Test
  void markdownTitleIsTheFirstHeadingOutsideCodeFencesElseTheFileName() throws IOException {
    write(
        root.resolve("guide.md"),
        "```\n# not a heading\n```\n#hashtag is not one either\n# Real Title #\ntext\n");
    write(root.resolve("plain.markdown"), "no headings here\n");

    assertThat(documents(readAll(root)))
        .extracting(CorpusDocument::id, CorpusDocument::title)
        .containsExactly(tuple("guide.md", "Real Title"), tuple("plain.markdown", "plain"));
  }

  @Test
  void emptyAndUndecodableFilesAreBadRecordsNamingTheFile() throws IOException {
    write(root.resolve("a.txt"), "  \n");
    write(
        root.resolve("b.html"),
        "<html><head><title>Only a title</title></head><body><script>x()</script></body></html>");
    write(root.resolve("c.txt"), withInvalidByte("caf", ""));
    write(root.resolve("d.txt"), "fine");

    assertThat(readAll(root))
        .containsExactly(
            BadRecord.of(
                root.resolve("a.txt").toString(), BadRecord.Reason.EMPTY_TEXT, "empty text"),
            BadRecord.of(
                root.resolve("b.html").toString(), BadRecord.Reason.EMPTY_TEXT, "empty text"),
            BadRecord.of(
                root.resolve("c.txt").toString(), BadRecord.Reason.INVALID_UTF8, "not valid UTF-8"),
            new CorpusDocument("d.txt", "d", "fine", Map.of(), root.resolve("d.txt").toString()));
  }
}
