/**
 * The BERT sentence-transformers forward pass written with DJL NDArray ops on the PyTorch engine,
 * the worker threads that batch texts from concurrent callers, and the similarity kernel's score
 * products. Nothing outside this package touches DJL's NDArray types.
 */
package io.semsearch.encoder.torch;
