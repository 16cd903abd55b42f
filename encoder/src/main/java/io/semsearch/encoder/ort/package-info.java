/**
 * The int8 engine: a sentence-transformers BERT model run by ONNX Runtime on the CPU.
 *
 * <p>{@link io.semsearch.encoder.ort.BertOnnxGraph} writes the model's forward pass as an ONNX
 * graph from its weights, with the Linear layers as int8 products (weights per output channel,
 * {@link io.semsearch.encoder.ort.Int8Weights}; activations per batch, by ONNX Runtime), or in
 * float32 to check the graph against libtorch. {@link io.semsearch.encoder.ort.OrtSentenceModel}
 * runs it as a {@link io.semsearch.encoder.batch.TokenBatchModel}, so the encoder's tokenizer,
 * queue and workers are the same as for libtorch. ONNX Runtime appears only in this package.
 */
package io.semsearch.encoder.ort;
