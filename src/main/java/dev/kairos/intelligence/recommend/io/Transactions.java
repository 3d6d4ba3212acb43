package dev.kairos.intelligence.recommend.io;

import dev.kairos.intelligence.recommend.Catalog;
import dev.kairos.intelligence.recommend.InteractionLog;

/**
 * Purchases read from a file, ready for the recommender.
 *
 * @param log the purchases
 * @param catalog the products seen, with their categories when the file has them (an open catalog:
 *     every product is in stock and available)
 * @param lines data lines read (without the header)
 * @param skipped data lines that are not purchases of a product (cancellations, returns, postage
 *     and fees), with the reason counted in {@code skippedReasons}
 * @param skippedReasons a short text such as "9288 cancellations, 1336 non-product lines"
 */
public record Transactions(
    InteractionLog log, Catalog catalog, long lines, long skipped, String skippedReasons) {}
