/**
 * Imports BERT encoders exported to ONNX into ordinary sentence-transformers folders, so that
 * semsearch's engines (via {@link io.semsearch.encoder.model.ModelFolder}) can run them; and writes
 * ONNX graphs ({@link io.semsearch.encoder.model.onnx.OnnxGraphBuilder} on {@link
 * io.semsearch.encoder.model.onnx.ProtobufWriter}) for the int8 engine in {@code encoder.ort}.
 *
 * <p>The pieces, bottom up: {@link io.semsearch.encoder.model.onnx.ProtobufReader} reads the
 * protocol buffers wire format without a schema or a protobuf dependency; {@link
 * io.semsearch.encoder.model.onnx.OnnxReader} uses it to pull a graph's nodes and initializers out
 * of an ONNX file, leaving tensor data undecoded; {@link
 * io.semsearch.encoder.model.onnx.OnnxBertImporter} names the initializers as Hugging Face BERT
 * parameters (transposing the exporter's {@code MatMul} weights back) and writes the folder. {@link
 * io.semsearch.encoder.builtin.DefaultModel} applies this to the all-MiniLM-L6-v2 model that ships
 * on the classpath.
 *
 * <p>Nothing here runs a graph: ONNX Runtime appears only in {@code encoder.ort}.
 */
package io.semsearch.encoder.model.onnx;
