package dev.kairos.ingest.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.ingest.CommerceProperties;
import dev.kairos.platform.csv.CsvReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Orders: rows are order lines, grouped by order id wherever they are in the file. The file is read
 * twice: first to count the rows of each order, then to emit each order as soon as its last row is
 * read, so memory holds only the orders still open. An order becomes one {@code Order Completed}
 * (messageId {@code import-order-<order id>}), a refund one {@code Order Refunded}; a customer-less
 * order is placed by {@code anonymousId guest-<order id>}. A bad line keeps its whole order out: an
 * order is counted once, so a partly imported order could not be corrected by importing the fixed
 * file again.
 */
final class OrderEvents implements RowMapper {
  static final List<String> REQUIRED =
      List.of("order_id", "order_date", "product_id|sku", "price", "quantity");

  /** Room for one call under the tracking API's 32 KB, leaving what the server adds. */
  static final int MAX_EVENT_BYTES = 31 * 1024;

  private static final String KEY_SEPARATOR = "\u0001";

  private record Line(
      int line,
      String customerId,
      String email,
      Instant at,
      String currency,
      String productId,
      String sku,
      String name,
      String category,
      BigDecimal price,
      int quantity,
      BigDecimal total,
      String country) {}

  private static final class Group {
    final String orderId;
    final boolean refund;
    int remaining;
    final List<Line> lines = new ArrayList<>();
    String customerId;
    int customerLine;
    boolean bad;
    int skipped;

    Group(String orderId, boolean refund, int rows) {
      this.orderId = orderId;
      this.refund = refund;
      this.remaining = rows;
    }
  }

  private final Columns columns;
  private final ImportOptions options;
  private final ObjectMapper mapper;
  private final Map<String, Integer> rowsPerOrder;
  private final Map<String, Group> open = new HashMap<>();
  private final boolean onlineRetail;
  private int trimmed;

  OrderEvents(
      Columns columns, ImportOptions options, ObjectMapper mapper, Map<String, Integer> rows) {
    this.columns = columns;
    this.options = options;
    this.mapper = mapper;
    this.rowsPerOrder = rows;
    this.onlineRetail = options.format() == ImportFormat.ONLINE_RETAIL;
  }

  /** The first pass: how many rows each order has. */
  static Map<String, Integer> countRows(CsvSource source, Columns columns) {
    Map<String, Integer> rows = new HashMap<>();
    try (CsvReader reader = source.open()) {
      reader.next();
      CsvReader.Row row;
      while ((row = reader.next()) != null) {
        if (row instanceof CsvReader.Malformed malformed) {
          throw unreadable(source, malformed);
        }
        String key = key((CsvReader.Record) row, columns);
        if (key != null) {
          rows.merge(key, 1, Integer::sum);
        }
      }
    }
    return rows;
  }

  /**
   * A row that is not a record could be a line of any order: importing the others would import that
   * order without it, and a second import could not complete it. So nothing is imported.
   */
  private static ImportProblem unreadable(CsvSource source, CsvReader.Malformed malformed) {
    return new ImportProblem(
        "file",
        source.name()
            + " line "
            + malformed.line()
            + ": "
            + malformed.reason()
            + "; nothing is imported (a line that cannot be read could belong to any order):"
            + " fix the file and import it again");
  }

  private static String key(CsvReader.Record record, Columns columns) {
    String orderId = columns.get(record, "order_id");
    if (orderId == null) {
      return null;
    }
    String type = columns.get(record, "type");
    return type == null ? orderId : orderId + KEY_SEPARATOR + type.toLowerCase(Locale.ROOT);
  }

  /** Orders whose products were cut to fit the 32 KB limit of one call. */
  int trimmed() {
    return trimmed;
  }

  @Override
  public void accept(CsvReader.Record record, Output out) {
    String key = key(record, columns);
    if (key == null) {
      out.bad(record.line(), "missing order_id");
      return;
    }
    Group group = open.get(key);
    if (group == null) {
      String orderId = columns.get(record, "order_id");
      Boolean refund = refund(orderId, columns.get(record, "type"));
      group = new Group(orderId, refund != null && refund, rowsPerOrder.getOrDefault(key, 1));
      open.put(key, group);
      if (refund == null) {
        group.bad = true;
        out.bad(
            record.line(),
            "type must be order or refund: '"
                + columns.get(record, "type")
                + "' (order "
                + orderId
                + " is not imported)");
      }
    }
    add(group, record, out);
    if (--group.remaining <= 0) {
      open.remove(key);
      complete(group, out);
    }
  }

  private void add(Group group, CsvReader.Record record, Output out) {
    if (group.bad) {
      return;
    }
    if (onlineRetail && group.orderId.startsWith("A")) {
      out.skipped(record.line(), "accounting adjustment (A invoice), not a sale");
      group.skipped++;
      return;
    }
    String problem;
    try {
      Line line = line(record, group);
      if (line == null) {
        out.skipped(record.line(), "stock correction (negative quantity), not a sale");
        group.skipped++;
        return;
      }
      if (line.customerId() != null) {
        if (group.customerId == null) {
          group.customerId = line.customerId();
          group.customerLine = line.line();
        } else if (!group.customerId.equals(line.customerId())) {
          throw new BadLine(
              "customer_id "
                  + line.customerId()
                  + " differs from "
                  + group.customerId
                  + " on line "
                  + group.customerLine);
        }
      }
      group.lines.add(line);
      return;
    } catch (BadLine e) {
      problem = e.getMessage();
    }
    group.bad = true;
    out.bad(record.line(), problem + " (order " + group.orderId + " is not imported)");
  }

  private Boolean refund(String orderId, String type) {
    if (onlineRetail && orderId.startsWith("C")) {
      return true;
    }
    if (type == null) {
      return false;
    }
    switch (type.toLowerCase(Locale.ROOT)) {
      case "order", "completed", "sale":
        return false;
      case "refund", "refunded", "return":
        return true;
      default:
        return null;
    }
  }

  private Line line(CsvReader.Record record, Group group) {
    String widthProblem = columns.widthProblem(record);
    if (widthProblem != null) {
      throw new BadLine(widthProblem);
    }
    String productId = columns.get(record, "product_id");
    String sku = columns.get(record, "sku");
    BigDecimal total = optionalNumber(record, "total");
    boolean amountOnly = group.refund && total != null && productId == null && sku == null;
    if (productId == null && sku == null && !amountOnly) {
      throw new BadLine("missing product_id");
    }
    int quantity = amountOnly ? 0 : quantity(record);
    if (quantity < 0 && !group.refund) {
      if (onlineRetail) {
        return null;
      }
      throw new BadLine("quantity is negative in an order; returns are rows with type=refund");
    }
    BigDecimal price = amountOnly ? null : price(record);
    String date = required(record, "order_date");
    Instant at =
        Values.instant(date, options.zone())
            .orElseThrow(
                () ->
                    new BadLine(
                        "order_date is not a date: '"
                            + date
                            + "' (expected e.g. 2011-12-09 12:50:00 or ISO-8601)"));
    String currency = columns.get(record, "currency");
    return new Line(
        record.line(),
        Values.id(columns.get(record, "customer_id")),
        columns.get(record, "email"),
        at,
        currency != null ? currency.toUpperCase(Locale.ROOT) : options.currency(),
        productId,
        sku,
        columns.get(record, "product_name"),
        columns.get(record, "category"),
        price,
        Math.abs(quantity),
        total,
        columns.get(record, "country"));
  }

  private int quantity(CsvReader.Record record) {
    String value = required(record, "quantity");
    return Values.wholeNumber(value)
        .orElseThrow(() -> new BadLine("quantity is not a whole number: '" + value + "'"));
  }

  private BigDecimal number(CsvReader.Record record, String field) {
    String value = required(record, field);
    return Values.decimal(value).orElseThrow(() -> notANumber(field, value));
  }

  /**
   * Says so when the value has a decimal comma, which is not read (it could be a thousands mark).
   */
  private static BadLine notANumber(String field, String value) {
    return new BadLine(
        field
            + " is not a number: '"
            + value
            + "'"
            + (value.strip().matches("[-+]?[0-9]*,[0-9]+")
                ? " (a decimal comma is not read: write 12.50, not 12,50)"
                : ""));
  }

  /** A price is money: from 0 up to the tracking API's largest amount. */
  private BigDecimal price(CsvReader.Record record) {
    BigDecimal price = number(record, "price");
    if (price.signum() < 0) {
      throw new BadLine("price is negative: '" + price + "' (a return is a row with type=refund)");
    }
    if (price.compareTo(CommerceProperties.LARGEST_AMOUNT) >= 0) {
      throw new BadLine("price is too large: '" + price + "' (at most 999999999999.99)");
    }
    return price;
  }

  private BigDecimal optionalNumber(CsvReader.Record record, String field) {
    String value = columns.get(record, field);
    if (value == null) {
      return null;
    }
    return Values.decimal(value).orElseThrow(() -> notANumber(field, value));
  }

  private String required(CsvReader.Record record, String field) {
    String value = columns.get(record, field);
    if (value == null) {
      throw new BadLine("missing " + field);
    }
    return value;
  }

  private void complete(Group group, Output out) {
    if (group.bad || group.lines.isEmpty()) {
      return;
    }
    BigDecimal value = BigDecimal.ZERO;
    Instant at = group.lines.get(0).at();
    String email = null;
    String currency = null;
    String country = null;
    BigDecimal total = null;
    for (Line line : group.lines) {
      if (line.price() != null) {
        value = value.add(line.price().multiply(BigDecimal.valueOf(line.quantity())));
      }
      at = line.at().isBefore(at) ? line.at() : at;
      email = email == null ? line.email() : email;
      currency = currency == null ? line.currency() : currency;
      country = country == null ? line.country() : country;
      total = total == null ? line.total() : total;
    }
    value = value.setScale(2, RoundingMode.HALF_UP);
    if (value.compareTo(CommerceProperties.LARGEST_AMOUNT) >= 0) {
      out.bad(
          group.lines.get(0).line(),
          "the order's total "
              + value
              + " is too large (order "
              + group.orderId
              + " is not imported)");
      return;
    }
    if (onlineRetail && group.customerId == null && value.signum() == 0 && !group.refund) {
      for (Line line : group.lines) {
        out.skipped(line.line(), "guest invoice of value 0 (a stock note), not a sale");
      }
      return;
    }
    ObjectNode event = mapper.createObjectNode();
    event.put("type", "track");
    event.put("event", group.refund ? "Order Refunded" : "Order Completed");
    if (group.customerId != null) {
      event.put("userId", group.customerId);
    } else {
      event.put("anonymousId", "guest-" + group.orderId);
    }
    event.put("timestamp", at.toString());
    ObjectNode properties = event.putObject("properties");
    properties.put("order_id", group.orderId);
    if (group.refund) {
      properties.put("total", total != null ? total.abs() : value);
    } else {
      properties.put("revenue", value);
      if (total != null) {
        properties.put("total", total);
      }
    }
    if (currency != null) {
      properties.put("currency", currency);
    }
    if (email != null) {
      properties.put("email", email);
    }
    if (country != null) {
      properties.put("country", country);
    }
    ArrayNode products = properties.putArray("products");
    for (Line line : group.lines) {
      if (line.productId() != null || line.sku() != null) {
        products.add(product(line));
      }
    }
    event.set("context", context(mapper));
    String id = Values.shortId(group.orderId);
    // keyed by the order (or credit note) alone: re-importing with another --zone, --currency or
    // --map must not count the same refund twice
    event.put("messageId", (group.refund ? "import-refund-" : "import-order-") + id);
    ImportEvent made = fit(event, products, group.lines.get(0).line());
    if (group.refund) {
      out.later(made);
    } else {
      out.event(made);
    }
  }

  private ObjectNode product(Line line) {
    ObjectNode product = mapper.createObjectNode();
    product.put("product_id", line.productId() != null ? line.productId() : line.sku());
    if (line.sku() != null) {
      product.put("sku", line.sku());
    }
    if (line.name() != null) {
      product.put("name", line.name());
    }
    if (line.category() != null) {
      product.put("category", line.category());
    }
    product.put("price", line.price());
    product.put("quantity", line.quantity());
    if (onlineRetail
        && OnlineRetailNonMerchandise.isNonMerchandise(product.path("product_id").asText())) {
      product.put("non_merchandise", true);
    }
    return product;
  }

  /**
   * The event as it fits in one call: when its products make it larger than 32 KB, the last ones
   * are left out (the order's amount stays exact) and {@code products_omitted} says how many.
   */
  private ImportEvent fit(ObjectNode event, ArrayNode products, int line) {
    ImportEvent made = ImportEvent.of(line, event, mapper);
    if (made.json().length <= MAX_EVENT_BYTES) {
      return made;
    }
    trimmed++;
    int all = products.size();
    while (made.json().length > MAX_EVENT_BYTES && !products.isEmpty()) {
      double perProduct = (double) made.json().length / Math.max(1, products.size());
      int excess = made.json().length - MAX_EVENT_BYTES + 64;
      int drop = Math.max(1, Math.min(products.size(), (int) Math.ceil(excess / perProduct)));
      for (int i = 0; i < drop; i++) {
        products.remove(products.size() - 1);
      }
      ((ObjectNode) event.get("properties")).put("products_omitted", all - products.size());
      made = ImportEvent.of(line, event, mapper);
    }
    return made;
  }

  static ObjectNode context(ObjectMapper mapper) {
    ObjectNode context = mapper.createObjectNode();
    context.putObject("library").put("name", "kairos-import");
    return context;
  }

  private static final class BadLine extends RuntimeException {
    BadLine(String message) {
      super(message, null, false, false);
    }
  }
}
