package dev.kairos.intelligence.clv;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the models predict for one customer, as of the end of the calibration period.
 *
 * @param probabilityAlive P(alive): the customer has not silently stopped buying
 * @param churnRisk 1 − P(alive)
 * @param expectedOrders30Days expected transactions in the next 30 days (90, 365 likewise)
 * @param nextOrderDate the day by which one transaction is expected (E[Y(t)] = 1); empty when fewer
 *     than one is expected within a year
 * @param expectedAverageSpend Gamma-Gamma expected value of the customer's future transactions
 * @param historicValue total value of the customer's calibration transactions
 * @param predictedValue discounted expected value of the customer's transactions over the horizon
 */
public record CustomerPrediction(
    String customerId,
    double probabilityAlive,
    double churnRisk,
    double expectedOrders30Days,
    double expectedOrders90Days,
    double expectedOrders365Days,
    Optional<LocalDate> nextOrderDate,
    double expectedAverageSpend,
    double historicValue,
    double predictedValue) {}
