package dev.kairos.intelligence.recommend.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TransactionReadersTest {
  private static BufferedReader text(String... lines) {
    return new BufferedReader(new StringReader(String.join("\n", lines)));
  }

  @Test
  void onlineRetailSkipsCancellationsAdjustmentsAndPostageAndNormalisesCustomerIds()
      throws Exception {
    Transactions t =
        OnlineRetailReader.read(
            text(
                "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
                "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,UK",
                "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,2.1,,UK",
                "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,UK",
                "536370,POST,POSTAGE,3,2010-12-01 08:45:00,18.0,12583.0,France",
                "536414,22139,,-56,2010-12-01 11:52:00,0.0,,UK"));

    assertThat(t.lines()).isEqualTo(5);
    assertThat(t.skipped()).isEqualTo(3);
    assertThat(t.log().size()).isEqualTo(2);
    assertThat(t.log().persons().id(t.log().person(0))).isEqualTo("17850");
    assertThat(t.log().person(1)).isEqualTo(-1); // guest
    assertThat(t.log().products().id(t.log().product(1))).isEqualTo("82567");
  }

  @Test
  void onlineRetailNamesTheLineOfABadDate() {
    assertThatThrownBy(
            () ->
                OnlineRetailReader.read(
                    text(
                        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
                        "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,UK",
                        "536366,85123A,HEART,6,yesterday,2.55,17850.0,UK")))
        .isInstanceOf(TransactionFileException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("yesterday");
  }

  @Test
  void csvReadsCategoriesAndGuestOrders() throws Exception {
    Transactions t =
        TransactionsCsvReader.read(
            text(
                "customer_id,order_id,product_id,quantity,price,timestamp,category",
                "17850,1,mug,1,5,2024-01-01T10:00:00Z,kitchen",
                ",2,mug,2,5,2024-01-02,"));

    assertThat(t.log().size()).isEqualTo(2);
    assertThat(t.catalog().entryOf("mug").category()).isEqualTo("kitchen");
    assertThat(t.log().person(1)).isEqualTo(-1);
  }

  @Test
  void csvRejectsMissingFieldsWithTheLineNumber() {
    assertThatThrownBy(
            () ->
                TransactionsCsvReader.read(
                    text(
                        "customer_id,order_id,product_id,quantity,price,timestamp",
                        "a,1,,1,5,2024-01-01")))
        .hasMessage("line 2: product_id is empty");
    assertThatThrownBy(
            () ->
                TransactionsCsvReader.read(
                    text(
                        "customer_id,order_id,product_id,quantity,price,timestamp", "a,1,mug,1,5")))
        .hasMessage("line 2: expected 6 fields, found 5");
    assertThatThrownBy(
            () ->
                TransactionsCsvReader.read(
                    text(
                        "customer_id,order_id,product_id,quantity,price,timestamp",
                        "a,1,mug,1,-5,2024-01-01")))
        .hasMessageContaining("line 2: price '-5'");
  }
}
