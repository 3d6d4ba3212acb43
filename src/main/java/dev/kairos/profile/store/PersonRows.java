package dev.kairos.profile.store;

import dev.kairos.platform.db.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The rows of every context that name a person by a {@code profile_id} column. A delete erases them
 * in every table of the schema that has one, except the tables listed here, whose rows outlive the
 * person without naming them. A table added later with a {@code profile_id} column (a new context's
 * rows about a person) is erased with the person without being listed anywhere, so it cannot be
 * forgotten; a table whose rows must be kept is listed here, with how it forgets the person.
 */
final class PersonRows {

  /** Tables whose rows are kept without the person, and the statement that removes them. */
  private static final Map<String, String> KEPT_WITHOUT_THE_PERSON =
      Map.of(
          // anonymous revenue reports
          "orders",
          "update orders set profile_id = null, properties = '{}'::jsonb"
              + " where profile_id = any(?::uuid[])",
          // a coupon code given to them stays given (it may be redeemed), to no one
          "coupon_codes",
          "update coupon_codes set profile_id = null where profile_id = any(?::uuid[])");

  private PersonRows() {}

  /** Erases (or, in the kept tables, anonymises) the rows of the profiles {@code tree}. */
  static void erase(Connection c, Array tree) throws SQLException {
    for (String anonymise : KEPT_WITHOUT_THE_PERSON.values()) {
      Sql.update(c, anonymise, tree);
    }
    for (String table : tablesToErase(c)) {
      Sql.update(
          c,
          "delete from "
              + DSL.using(SQLDialect.POSTGRES).render(DSL.quotedName(table))
              + " where profile_id = any(?::uuid[])",
          tree);
    }
  }

  /**
   * The tables of the schema with a {@code profile_id} column, but the kept ones; a table whose
   * rows are referenced by another's comes after it, so foreign keys never stop the erasure.
   */
  static List<String> tablesToErase(Connection c) throws SQLException {
    Set<String> tables =
        new LinkedHashSet<>(
            Sql.list(
                c,
                "select c.table_name from information_schema.columns c"
                    + " join information_schema.tables t"
                    + " on t.table_schema = c.table_schema and t.table_name = c.table_name"
                    + " where c.table_schema = current_schema() and c.column_name = 'profile_id'"
                    + " and t.table_type = 'BASE TABLE' order by c.table_name",
                rs -> rs.getString(1)));
    tables.removeAll(KEPT_WITHOUT_THE_PERSON.keySet());
    Map<String, Set<String>> referencedBy = new HashMap<>();
    for (List<String> key :
        Sql.list(
            c,
            "select r.relname, f.relname from pg_constraint k"
                + " join pg_class r on r.oid = k.conrelid join pg_class f on f.oid = k.confrelid"
                + " join pg_namespace n on n.oid = r.relnamespace"
                + " where k.contype = 'f' and n.nspname = current_schema()",
            rs -> List.of(rs.getString(1), rs.getString(2)))) {
      if (!key.get(0).equals(key.get(1))) {
        referencedBy.computeIfAbsent(key.get(1), t -> new HashSet<>()).add(key.get(0));
      }
    }
    List<String> ordered = new ArrayList<>();
    while (!tables.isEmpty()) {
      String next = null;
      for (String table : tables) {
        Set<String> referencing = new HashSet<>(referencedBy.getOrDefault(table, Set.of()));
        referencing.retainAll(tables);
        if (referencing.isEmpty()) {
          next = table;
          break;
        }
      }
      next = next == null ? tables.iterator().next() : next; // a cycle: order does not matter
      ordered.add(next);
      tables.remove(next);
    }
    return ordered;
  }
}
