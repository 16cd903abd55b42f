/**
 * Models semsearch ships without a download: each comes from a Maven Central artifact (an ONNX file
 * and its tokenizer) and is imported on first use into an ordinary sentence-transformers folder in
 * the model cache, so that it then loads like any other folder.
 */
package io.semsearch.encoder.builtin;
