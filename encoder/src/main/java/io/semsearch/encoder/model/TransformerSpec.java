package io.semsearch.encoder.model;

import java.nio.file.Path;

/**
 * The Transformer module of a sentence-transformers folder.
 *
 * @param config the BERT configuration
 * @param maxSeqLength longest input in tokens, special tokens included; longer text is truncated
 * @param doLowerCase whether text is lower-cased before tokenization
 * @param tokenizer the module's {@code tokenizer.json}
 * @param weights the module's {@code model.safetensors}
 */
public record TransformerSpec(
    BertConfig config, int maxSeqLength, boolean doLowerCase, Path tokenizer, Path weights) {}
