/**
 * Downloads sentence-transformers models from the Hugging Face hub into a cache laid out like
 * Python's {@code huggingface_hub}, and finds them there again offline.
 *
 * <p>{@link io.semsearch.encoder.hub.HubModelResolver} is the entry point; it is configured by
 * {@link io.semsearch.encoder.hub.HubConfig} from the usual {@code HF_*} environment variables, and
 * takes repo ids parsed by {@link io.semsearch.encoder.hub.RepoRef}.
 */
package io.semsearch.encoder.hub;
