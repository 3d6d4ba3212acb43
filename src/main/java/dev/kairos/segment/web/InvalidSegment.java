package dev.kairos.segment.web;

/** A definition that cannot be saved, answered 400 with every problem at its JSON path. */
final class InvalidSegment extends RuntimeException {
  private final SegmentResponses.InvalidDefinition body;

  InvalidSegment(SegmentResponses.InvalidDefinition body) {
    super(body.message(), null, false, false);
    this.body = body;
  }

  SegmentResponses.InvalidDefinition body() {
    return body;
  }
}
