package dev.kairos.ingest.imports;

import java.util.Locale;
import java.util.Set;

/**
 * The stock codes of the UCI Online Retail file that are order lines but not merchandise, as the
 * file itself shows them: {@code POST} (postage), {@code DOT} (dotcom postage), {@code C2}
 * (carriage), {@code M}/{@code m} (manual), {@code D} (discount), {@code S} (samples), {@code B}
 * (bad debt), {@code BANK CHARGES}, {@code AMAZONFEE}, {@code CRUK} (commission), {@code PADS} (a
 * 0.001 filler "to match all cushions") and the gift vouchers {@code gift_0001_*}. Codes such as
 * {@code DCGS0003} (the dotcom gift shop's own products) are merchandise.
 */
public final class OnlineRetailNonMerchandise {
  private static final Set<String> CODES =
      Set.of("POST", "DOT", "C2", "M", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS");

  private OnlineRetailNonMerchandise() {}

  /** Whether the stock code is postage, a fee, a manual entry, a discount or a voucher. */
  public static boolean isNonMerchandise(String stockCode) {
    if (stockCode == null) {
      return false;
    }
    String code = stockCode.strip().toUpperCase(Locale.ROOT);
    return CODES.contains(code) || code.startsWith("GIFT_");
  }
}
