package dev.kairos.intelligence.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.intelligence.ClvFit;
import dev.kairos.intelligence.ClvStep;
import dev.kairos.intelligence.ValuePrediction;
import dev.kairos.intelligence.clv.ClvTimeUnit;
import dev.kairos.intelligence.clv.CustomerValueModel;
import dev.kairos.platform.DatabaseException;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The CLV fits ({@code clv_models}, one row per full recompute) and the predictions on the profile.
 * Profile rows are written in chunks, each in its own short transaction; only changed predictions
 * are written.
 */
public final class ClvStore implements ClvStep.Results {
  private static final String FIT_COLUMNS =
      "computed_at, model, outcome, reason, parameters, log_likelihood, spend_log_likelihood,"
          + " customers, repeat_buyers, calibration_end, time_unit, fit_ms";
  private static final TypeReference<Map<String, Map<String, Double>>> PARAMETERS =
      new TypeReference<>() {};

  private final Database database;
  private final ObjectMapper mapper;

  public ClvStore(Database database, ObjectMapper mapper) {
    this.database = database;
    this.mapper = mapper;
  }

  @Override
  public void saveFit(ClvFit fit) {
    String parameters = fit.model().map(m -> parametersJson(fit)).orElse(null);
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "insert into clv_models ("
                    + FIT_COLUMNS
                    + ") values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)",
                Sql.timestamp(fit.computedAt()),
                fit.modelName(),
                fit.outcome().value(),
                fit.reason().orElse(null),
                parameters,
                fit.model().map(m -> m.purchases().logLikelihood()).orElse(null),
                fit.model().map(m -> m.spend().logLikelihood()).orElse(null),
                fit.customers(),
                fit.repeatBuyers(),
                Date.valueOf(fit.calibrationEnd()),
                fit.timeUnit().name().toLowerCase(Locale.ROOT),
                fit.fitMillis()));
  }

  @Override
  public Optional<ClvFit> latestFitted() {
    return latest("where outcome = 'fitted'");
  }

  /** The newest fit, whatever its outcome. */
  public Optional<ClvFit> latest() {
    return latest("");
  }

  /** {@code where} is one of the fixed texts above. */
  private Optional<ClvFit> latest(String where) {
    return database.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select "
                          + FIT_COLUMNS
                          + " from clv_models "
                          + where
                          + " order by computed_at desc, id desc limit 1");
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(fit(rs)) : Optional.empty();
          }
        });
  }

  private ClvFit fit(ResultSet rs) throws SQLException {
    String modelName = rs.getString("model");
    ClvTimeUnit unit = ClvTimeUnit.valueOf(rs.getString("time_unit").toUpperCase(Locale.ROOT));
    var calibrationEnd = rs.getDate("calibration_end").toLocalDate();
    Optional<CustomerValueModel> model = Optional.empty();
    String parameters = rs.getString("parameters");
    if (parameters != null) {
      Map<String, Map<String, Double>> stored;
      try {
        stored = mapper.readValue(parameters, PARAMETERS);
      } catch (JsonProcessingException e) {
        throw new DatabaseException("stored CLV parameters are not valid JSON", e);
      }
      model =
          Optional.of(
              ClvFit.restore(
                  modelName,
                  stored.getOrDefault("purchases", Map.of()),
                  rs.getDouble("log_likelihood"),
                  stored.getOrDefault("spend", Map.of()),
                  rs.getDouble("spend_log_likelihood"),
                  calibrationEnd,
                  unit));
    }
    return new ClvFit(
        Sql.instant(rs, "computed_at"),
        modelName,
        ClvFit.Outcome.of(rs.getString("outcome")),
        Optional.ofNullable(rs.getString("reason")),
        model,
        rs.getInt("customers"),
        rs.getInt("repeat_buyers"),
        calibrationEnd,
        unit,
        rs.getLong("fit_ms"));
  }

  private String parametersJson(ClvFit fit) {
    ObjectNode json = mapper.createObjectNode();
    json.set("purchases", mapper.valueToTree(fit.purchaseParameters()));
    json.set("spend", mapper.valueToTree(fit.spendParameters()));
    return json.toString();
  }

  @Override
  public void savePredictions(Map<UUID, Optional<ValuePrediction>> changes, Instant asOf) {
    List<Map.Entry<UUID, Optional<ValuePrediction>>> rows = new ArrayList<>(changes.entrySet());
    for (int from = 0; from < rows.size(); from += ProfileScoreStore.CHUNK) {
      List<Map.Entry<UUID, Optional<ValuePrediction>>> chunk =
          rows.subList(from, Math.min(rows.size(), from + ProfileScoreStore.CHUNK));
      database.inTransaction(c -> writePredictions(c, chunk, asOf));
    }
  }

  private Void writePredictions(
      Connection c, List<Map.Entry<UUID, Optional<ValuePrediction>>> chunk, Instant asOf)
      throws SQLException {
    int n = chunk.size();
    List<UUID> ids = new ArrayList<>(n);
    Double[][] doubles = new Double[5][n];
    List<String> nextOrder = new ArrayList<>(n);
    BigDecimal[][] values = new BigDecimal[3][n];
    for (int i = 0; i < n; i++) {
      ids.add(chunk.get(i).getKey());
      Optional<ValuePrediction> p = chunk.get(i).getValue();
      doubles[0][i] = p.map(ValuePrediction::probabilityAlive).orElse(null);
      doubles[1][i] = p.map(ValuePrediction::churnRisk).orElse(null);
      doubles[2][i] = p.map(ValuePrediction::expectedOrders30Days).orElse(null);
      doubles[3][i] = p.map(ValuePrediction::expectedOrders90Days).orElse(null);
      doubles[4][i] = p.map(ValuePrediction::expectedOrders365Days).orElse(null);
      nextOrder.add(p.flatMap(ValuePrediction::expectedNextOrderAt).map(Sql::text).orElse(null));
      values[0][i] = p.map(ValuePrediction::predictedValue).orElse(null);
      values[1][i] = p.map(ValuePrediction::historicValue).orElse(null);
      values[2][i] = p.map(ValuePrediction::expectedAverageSpend).orElse(null);
    }
    ProfileRowLocks.lockInIdOrder(c, ids);
    try (PreparedStatement ps =
        c.prepareStatement(
            "update profiles p set p_alive = u.alive, churn_risk = u.churn,"
                + " expected_orders_30d = u.o30, expected_orders_90d = u.o90,"
                + " expected_orders_365d = u.o365, expected_next_order_at = u.next_order,"
                + " clv_predicted = u.predicted, clv_historic = u.historic,"
                + " expected_average_spend = u.spend, clv_computed_at = ?"
                + " from unnest(?::uuid[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],"
                + " ?::float8[], ?::timestamptz[], ?::numeric[], ?::numeric[], ?::numeric[])"
                + " as u(id, alive, churn, o30, o90, o365, next_order, predicted, historic, spend)"
                + " where p.id = u.id")) {
      int i = 1;
      ps.setTimestamp(i++, Sql.timestamp(asOf));
      ps.setArray(i++, Sql.uuids(c, ids));
      for (Double[] column : doubles) {
        ps.setArray(i++, c.createArrayOf("float8", column));
      }
      ps.setArray(i++, Sql.texts(c, nextOrder));
      for (BigDecimal[] column : values) {
        ps.setArray(i++, c.createArrayOf("numeric", column));
      }
      ps.executeUpdate();
    }
    return null;
  }
}
