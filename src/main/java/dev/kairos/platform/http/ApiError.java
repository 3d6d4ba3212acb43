package dev.kairos.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error answer: {@code {"error": code, "message", "field", "index"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field, Integer index) {}
