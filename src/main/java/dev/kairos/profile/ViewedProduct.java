package dev.kairos.profile;

import java.time.Instant;

/** A product the person viewed, and when they last did. */
public record ViewedProduct(String productId, Instant viewedAt) {}
