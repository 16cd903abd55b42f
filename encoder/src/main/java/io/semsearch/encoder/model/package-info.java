/**
 * Model files without any engine: the sentence-transformers folder layout ({@link
 * io.semsearch.encoder.model.ModelFolder} to {@link io.semsearch.encoder.model.ModelSpec}), BERT
 * and pooling configuration, activations, safetensors, the model fingerprint, and the default model
 * imported from the bundled ONNX file.
 */
package io.semsearch.encoder.model;
