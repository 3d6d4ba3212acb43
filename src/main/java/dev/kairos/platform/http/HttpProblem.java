package dev.kairos.platform.http;

/**
 * A request that cannot be served as sent: answered with its status and a JSON body naming the
 * offending field (and, in a batch, the index of the event).
 */
public final class HttpProblem extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;
  private final Integer index;

  public HttpProblem(int status, String code, String message, String field, Integer index) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.index = index;
  }

  public static HttpProblem badRequest(String field, String message) {
    return new HttpProblem(400, "invalid_request", message, field, null);
  }

  public static HttpProblem notFound(String message) {
    return new HttpProblem(404, "not_found", message, null, null);
  }

  public static HttpProblem unauthorized(String message) {
    return new HttpProblem(401, "unauthorized", message, null, null);
  }

  public int status() {
    return status;
  }

  public ApiError body() {
    return new ApiError(code, getMessage(), field, index);
  }
}
