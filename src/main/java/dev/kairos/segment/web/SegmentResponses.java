package dev.kairos.segment.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the segment routes (docs/segments.md, openapi.json). */
final class SegmentResponses {
  private SegmentResponses() {}

  /** A segment as the API shows it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SegmentBody(
      String key,
      String name,
      JsonNode condition,
      int version,
      @JsonProperty("built_in") boolean builtIn,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("updated_at") Instant updatedAt,
      @JsonProperty("member_count") long memberCount,
      RecomputeBody recompute,
      List<VersionBody> versions) {}

  /** The newest background recompute of a segment and how far it got. */
  record RecomputeBody(
      String status,
      int version,
      int profiles,
      @JsonProperty("profiles_done") int profilesDone,
      int entered,
      int exited,
      @JsonProperty("queued_at") Instant queuedAt,
      @JsonProperty("started_at") Instant startedAt,
      @JsonProperty("finished_at") Instant finishedAt,
      String error) {}

  /** One saved version of a segment's definition. */
  record VersionBody(
      int version, String name, JsonNode condition, @JsonProperty("saved_at") Instant savedAt) {}

  record SegmentList(List<SegmentBody> segments) {}

  record Deleted(String deleted) {}

  record Preview(long count, List<SampleProfile> sample) {}

  record SampleProfile(@JsonProperty("profile_id") UUID profileId) {}

  record Member(
      @JsonProperty("profile_id") UUID profileId, @JsonProperty("entered_at") Instant enteredAt) {}

  /** A page of members; {@code next} is the {@code after} of the following page (null: the end). */
  record MemberPage(List<Member> members, String next) {}

  record ProfileSegment(
      String key, String name, @JsonProperty("entered_at") Instant enteredAt, JsonNode reasons) {}

  record ProfileSegments(List<ProfileSegment> segments) {}

  record Size(LocalDate day, long members) {}

  record Sizes(String key, List<Size> sizes) {}

  /** One problem of a definition, at its JSON path ({@code $.and[2].within_days}). */
  record ProblemBody(String path, String message) {}

  /** The 400 answer to a definition that cannot be saved: every problem, each at its path. */
  record InvalidDefinition(String error, String message, List<ProblemBody> problems) {}
}
