package dev.kairos.intelligence.rfm;

import java.util.UUID;

/** The RFM result of one profile: the facts it was ranked on, its scores and its cell. */
public record ProfileRfm(RfmFacts facts, RfmScore score) {

  public UUID profileId() {
    return facts.profileId();
  }

  public RfmCell cell() {
    return score.cell();
  }
}
