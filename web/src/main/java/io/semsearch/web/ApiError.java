package io.semsearch.web;

/**
 * The body of every error response.
 *
 * @param error what was wrong, in one sentence a client can show
 * @param status the HTTP status, repeated for clients that only see the body
 */
public record ApiError(String error, int status) {}
