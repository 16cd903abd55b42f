#!/usr/bin/env python3
"""Embeds sentences with a sentence-transformers folder the way sentence-transformers would.

A second, independent reader of the folders semsearch writes (`train`, `distill`, the built-in
models): it follows sentence-transformers' loading rules from the files alone, with nothing but the
Python standard library, so a test can check that such a folder is an ordinary sentence-transformers
model and not only one semsearch can read.

  scripts/st_reference.py MODEL_DIR < sentences.txt > vectors.jsonl

- modules.json names the pipeline (Transformer, Pooling, Dense, Normalize) and each module's folder;
  sentence_bert_config.json gives max_seq_length.
- tokenizer.json: BertNormalizer (clean text, CJK spacing, lowercase, accent stripping),
  BertPreTokenizer (whitespace and punctuation), WordPiece (greedy longest match, "##" prefix),
  [CLS] ... [SEP], truncated to max_seq_length tokens.
- BertModel (config.json) in float64 from model.safetensors: embeddings and LayerNorm, post-LayerNorm
  encoder layers with exact (erf) GELU; one sentence at a time, so no padding or attention mask.
- Pooling by its config (CLS, mean, max, mean/sqrt(len)); Dense with its activation; Normalize.

Pure Python and slow (seconds per sentence for a 2-layer 128-wide model): meant for small models
and few sentences.
"""

import array
import json
import math
import os
import struct
import sys
import unicodedata


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise SystemExit(f"{path}: tensor {name} is {info['dtype']}, only F32 is read here")
        start, end = info["data_offsets"]
        values = array.array("f")
        values.frombytes(data[base + start : base + end])
        if sys.byteorder != "little":
            values.byteswap()
        shape = info["shape"]
        if len(shape) == 2:
            cols = shape[1]
            tensors[name] = [list(values[r * cols : (r + 1) * cols]) for r in range(shape[0])]
        else:
            tensors[name] = list(values)
    return tensors


class WordPieceTokenizer:
    def __init__(self, spec, max_len):
        model = spec["model"]
        if model.get("type") != "WordPiece":
            raise SystemExit(f"tokenizer model {model.get('type')} is not WordPiece")
        self.vocab = model["vocab"]
        self.unk = model.get("unk_token", "[UNK]")
        self.prefix = model.get("continuing_subword_prefix", "##")
        self.max_chars = model.get("max_input_chars_per_word", 100)
        norm = spec.get("normalizer") or {}
        self.lowercase = norm.get("lowercase", True)
        strip = norm.get("strip_accents")
        self.strip_accents = self.lowercase if strip is None else strip
        self.clean_text = norm.get("clean_text", True)
        self.chinese = norm.get("handle_chinese_chars", True)
        self.max_len = max_len

    def normalize(self, text):
        out = []
        for ch in text:
            cp = ord(ch)
            if self.clean_text:
                if cp == 0 or cp == 0xFFFD or (is_control(ch)):
                    continue
                if is_whitespace(ch):
                    out.append(" ")
                    continue
            if self.chinese and is_cjk(cp):
                out.append(" " + ch + " ")
                continue
            out.append(ch)
        text = "".join(out)
        if self.strip_accents:
            text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
        if self.lowercase:
            text = text.lower()
        return text

    def pre_tokenize(self, text):
        words, current = [], []
        for ch in text:
            if ch.isspace():
                if current:
                    words.append("".join(current))
                    current = []
            elif is_punctuation(ch):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(ch)
            else:
                current.append(ch)
        if current:
            words.append("".join(current))
        return words

    def word_pieces(self, word):
        if len(word) > self.max_chars:
            return [self.vocab[self.unk]]
        pieces, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.vocab[self.unk]]
            pieces.append(found)
            start = end
        return pieces

    def encode(self, text):
        ids = []
        for word in self.pre_tokenize(self.normalize(text)):
            ids.extend(self.word_pieces(word))
        ids = ids[: self.max_len - 2]
        return [self.vocab["[CLS]"]] + ids + [self.vocab["[SEP]"]]


def is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch).startswith("C")


def is_cjk(cp):
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def linear(rows, weight, bias):
    return [[sum(w * x for w, x in zip(w_row, row)) + b for w_row, b in zip(weight, bias)] for row in rows]


def layer_norm(rows, gamma, beta, eps):
    out = []
    for row in rows:
        mean = sum(row) / len(row)
        var = sum((x - mean) ** 2 for x in row) / len(row)
        inv = 1.0 / math.sqrt(var + eps)
        out.append([(x - mean) * inv * g + b for x, g, b in zip(row, gamma, beta)])
    return out


def gelu(x):
    return 0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0)))


class Bert:
    def __init__(self, folder):
        with open(os.path.join(folder, "config.json")) as f:
            self.config = json.load(f)
        if self.config.get("model_type", "bert") != "bert":
            raise SystemExit(f"model_type {self.config.get('model_type')} is not bert")
        weights = read_safetensors(os.path.join(folder, "model.safetensors"))
        self.w = {k[5:] if k.startswith("bert.") else k: v for k, v in weights.items()}
        self.heads = self.config["num_attention_heads"]
        self.eps = self.config.get("layer_norm_eps", 1e-12)
        act = self.config.get("hidden_act", "gelu")
        if act != "gelu":
            raise SystemExit(f"hidden_act {act} is not read here")

    def forward(self, ids):
        w = self.w
        rows = [
            [a + b + c for a, b, c in zip(w["embeddings.word_embeddings.weight"][t],
                                          w["embeddings.position_embeddings.weight"][p],
                                          w["embeddings.token_type_embeddings.weight"][0])]
            for p, t in enumerate(ids)
        ]
        rows = layer_norm(rows, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        for layer in range(self.config["num_hidden_layers"]):
            p = f"encoder.layer.{layer}."
            q = linear(rows, w[p + "attention.self.query.weight"], w[p + "attention.self.query.bias"])
            k = linear(rows, w[p + "attention.self.key.weight"], w[p + "attention.self.key.bias"])
            v = linear(rows, w[p + "attention.self.value.weight"], w[p + "attention.self.value.bias"])
            width = len(rows[0]) // self.heads
            context = [[0.0] * len(rows[0]) for _ in rows]
            for h in range(self.heads):
                s = slice(h * width, (h + 1) * width)
                for i, qi in enumerate(q):
                    scores = [sum(a * b for a, b in zip(qi[s], kj[s])) / math.sqrt(width) for kj in k]
                    top = max(scores)
                    exps = [math.exp(x - top) for x in scores]
                    total = sum(exps)
                    for j, e in enumerate(exps):
                        weight = e / total
                        vj = v[j]
                        for d in range(h * width, (h + 1) * width):
                            context[i][d] += weight * vj[d]
            attn = linear(context, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"])
            rows = layer_norm(
                [[a + b for a, b in zip(x, y)] for x, y in zip(attn, rows)],
                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], self.eps)
            mid = [[gelu(x) for x in r] for r in
                   linear(rows, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"])]
            out = linear(mid, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
            rows = layer_norm(
                [[a + b for a, b in zip(x, y)] for x, y in zip(out, rows)],
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        return rows


def pool(rows, config):
    parts = []
    if config.get("pooling_mode_cls_token"):
        parts.extend(rows[0])
    if config.get("pooling_mode_max_tokens"):
        parts.extend(max(col) for col in zip(*rows))
    if config.get("pooling_mode_mean_tokens"):
        parts.extend(sum(col) / len(rows) for col in zip(*rows))
    if config.get("pooling_mode_mean_sqrt_len_tokens"):
        parts.extend(sum(col) / math.sqrt(len(rows)) for col in zip(*rows))
    if not parts:
        raise SystemExit(f"pooling config {config} is not read here")
    return parts


ACTIVATIONS = {
    "torch.nn.modules.activation.Tanh": math.tanh,
    "torch.nn.modules.linear.Identity": lambda x: x,
}


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: st_reference.py MODEL_DIR < sentences > vectors.jsonl")
    folder = sys.argv[1]
    with open(os.path.join(folder, "modules.json")) as f:
        modules = json.load(f)
    pipeline = []
    bert = tokenizer = None
    for module in sorted(modules, key=lambda m: m["idx"]):
        kind = module["type"].rsplit(".", 1)[-1]
        path = os.path.join(folder, module["path"])
        if kind == "Transformer":
            with open(os.path.join(path, "sentence_bert_config.json")) as f:
                max_len = json.load(f).get("max_seq_length", 512)
            bert = Bert(path)
            max_len = min(max_len, bert.config.get("max_position_embeddings", 512))
            with open(os.path.join(path, "tokenizer.json"), encoding="utf-8") as f:
                tokenizer = WordPieceTokenizer(json.load(f), max_len)
        elif kind == "Pooling":
            with open(os.path.join(path, "config.json")) as f:
                config = json.load(f)
            pipeline.append(lambda x, c=config: pool(x, c))
        elif kind == "Dense":
            with open(os.path.join(path, "config.json")) as f:
                config = json.load(f)
            act = ACTIVATIONS.get(config.get("activation_function"))
            if act is None:
                raise SystemExit(f"Dense activation {config.get('activation_function')} is not read here")
            dense = read_safetensors(os.path.join(path, "model.safetensors"))
            bias = dense.get("linear.bias", [0.0] * config["out_features"])
            pipeline.append(lambda x, w=dense["linear.weight"], b=bias, a=act:
                            [a(v) for v in linear([x], w, b)[0]])
        elif kind == "Normalize":
            pipeline.append(lambda x: [v / max(math.sqrt(sum(y * y for y in x)), 1e-12) for v in x])
        else:
            raise SystemExit(f"module {module['type']} is not read here")
    if bert is None:
        raise SystemExit(f"{folder}: modules.json has no Transformer")
    for line in sys.stdin:
        text = line.rstrip("\n")
        vector = bert.forward(tokenizer.encode(text))
        for step in pipeline:
            vector = step(vector)
        print(json.dumps(vector))


if __name__ == "__main__":
    main()
