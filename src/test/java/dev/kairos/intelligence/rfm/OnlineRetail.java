package dev.kairos.intelligence.rfm;

import dev.kairos.intelligence.NetOrders;
import dev.kairos.intelligence.UnmatchedRefund;
import dev.kairos.platform.csv.CsvInput;
import dev.kairos.platform.csv.CsvReader;
import dev.kairos.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The UCI Online Retail transactions as {@link CustomerOrder}s, for tests only (the production
 * import belongs elsewhere). One order per invoice of an identified customer, net of the customer's
 * cancellation invoices ({@code C…}, refunds under their own numbers, taken off as the server does:
 * {@link NetOrders}); guest lines and orders whose net value is not positive are left out. The shop
 * is in the UK, so invoice times are read in Europe/London.
 */
public final class OnlineRetail {
  public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static List<CustomerOrder> cached;

  private OnlineRetail() {}

  /** The orders; the calling test is skipped when the data file is absent. */
  public static synchronized List<CustomerOrder> orders() {
    Path file = SharedData.require("online-retail.csv.gz");
    if (cached == null) {
      cached = List.copyOf(read(file));
    }
    return cached;
  }

  private static List<CustomerOrder> read(Path file) {
    Map<String, Invoice> invoices = new LinkedHashMap<>();
    Map<String, Invoice> creditNotes = new LinkedHashMap<>();
    try (CsvReader in = CsvReader.open(CsvInput.text(file))) {
      in.next(); // header
      for (CsvReader.Row row = in.next(); row != null; row = in.next()) {
        List<String> f = ((CsvReader.Record) row).fields();
        String invoiceNo = f.get(0);
        String customer = f.get(6);
        if (customer.isBlank() || invoiceNo.startsWith("A")) {
          continue;
        }
        UUID profile = new UUID(0, (long) Double.parseDouble(customer));
        Invoice invoice =
            (invoiceNo.startsWith("C") ? creditNotes : invoices)
                .computeIfAbsent(
                    invoiceNo,
                    k ->
                        new Invoice(
                            profile,
                            LocalDateTime.parse(f.get(4), TIME).atZone(SHOP_ZONE).toInstant()));
        BigDecimal lineValue = new BigDecimal(f.get(3)).multiply(new BigDecimal(f.get(5)));
        invoice.value = invoice.value.add(lineValue);
        invoice.products.add(f.get(1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<CustomerOrder> orders = new ArrayList<>(invoices.size());
    for (Invoice i : invoices.values()) {
      orders.add(new CustomerOrder(i.profile, i.at, i.value, i.products));
    }
    List<UnmatchedRefund> refunds = new ArrayList<>();
    for (Invoice c : creditNotes.values()) {
      if (c.value.signum() != 0) {
        refunds.add(new UnmatchedRefund(c.profile, c.at, c.value.abs()));
      }
    }
    List<CustomerOrder> net = new ArrayList<>();
    for (CustomerOrder order : NetOrders.of(orders, refunds)) {
      if (order.value().signum() > 0) {
        net.add(order);
      }
    }
    return net;
  }

  private static final class Invoice {
    final UUID profile;
    final java.time.Instant at;
    final Set<String> products = new LinkedHashSet<>();
    BigDecimal value = BigDecimal.ZERO;

    Invoice(UUID profile, java.time.Instant at) {
      this.profile = profile;
      this.at = at;
    }
  }
}
