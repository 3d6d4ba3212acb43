package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.rfm.CustomerOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Refunds of unknown orders taken off a person's orders: the same net figures everywhere. */
class NetOrdersProperties {
  static final Instant T0 = Instant.parse("2011-01-01T00:00:00Z");
  static final UUID ANN = new UUID(0, 1);
  static final UUID BOB = new UUID(0, 2);

  @Property
  void a_persons_orders_are_worth_their_revenue_net_of_refunds_never_less_than_nothing(
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 500) Integer> orderValues,
      @ForAll @Size(max = 5) List<@IntRange(min = 1, max = 800) Integer> refundValues,
      @ForAll @IntRange(min = 0, max = 20) int refundDay) {
    List<CustomerOrder> orders = new ArrayList<>();
    for (int i = 0; i < orderValues.size(); i++) {
      orders.add(order(ANN, i * 3, orderValues.get(i)));
      orders.add(order(BOB, i * 3, orderValues.get(i)));
    }
    List<UnmatchedRefund> refunds = new ArrayList<>();
    for (int i = 0; i < refundValues.size(); i++) {
      refunds.add(
          new UnmatchedRefund(
              ANN, T0.plusSeconds(86_400L * (refundDay + i)), bd(refundValues.get(i))));
    }

    List<CustomerOrder> net = NetOrders.of(orders, refunds);

    BigDecimal gross =
        orderValues.stream().map(NetOrdersProperties::bd).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal refunded =
        refundValues.stream().map(NetOrdersProperties::bd).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(total(net, ANN)).isEqualByComparingTo(gross.subtract(refunded).max(BigDecimal.ZERO));
    assertThat(total(net, BOB)).isEqualByComparingTo(gross); // not refunded: untouched
    for (int i = 0; i < orders.size(); i++) {
      assertThat(net.get(i).value()).isBetween(BigDecimal.ZERO, orders.get(i).value());
      assertThat(net.get(i).placedAt()).isEqualTo(orders.get(i).placedAt());
    }
  }

  @Example
  void a_refund_is_taken_from_the_latest_order_before_it_then_from_later_ones() {
    List<CustomerOrder> orders =
        List.of(order(ANN, 0, 100), order(ANN, 10, 50), order(ANN, 30, 70));

    List<CustomerOrder> net =
        NetOrders.of(
            orders, List.of(new UnmatchedRefund(ANN, T0.plusSeconds(86_400L * 20), bd(60))));
    assertThat(net).extracting(o -> o.value().intValue()).containsExactly(90, 0, 70);

    List<CustomerOrder> early =
        NetOrders.of(orders, List.of(new UnmatchedRefund(ANN, T0.minusSeconds(60), bd(120))));
    assertThat(early).extracting(o -> o.value().intValue()).containsExactly(0, 30, 70);
  }

  static CustomerOrder order(UUID profile, int day, int value) {
    return new CustomerOrder(profile, T0.plusSeconds(86_400L * day), bd(value));
  }

  static BigDecimal bd(int value) {
    return BigDecimal.valueOf(value);
  }

  static BigDecimal total(List<CustomerOrder> orders, UUID profile) {
    return orders.stream()
        .filter(o -> o.profileId().equals(profile))
        .map(CustomerOrder::value)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
