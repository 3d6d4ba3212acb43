package dev.kairos.intelligence.recommend;

import java.util.List;
import java.util.Objects;

/**
 * Whom or what recommendations are for. Subjects that may name a person ({@code personId} not null)
 * also exclude what that person already bought.
 */
public sealed interface Subject {

  /** The person whose purchases are excluded, or null. */
  String personId();

  /** A cart (or any list of products), optionally of a known person. */
  record Cart(String personId, List<String> productIds) implements Subject {
    public Cart {
      productIds = List.copyOf(productIds);
    }

    public static Cart of(String... productIds) {
      return new Cart(null, List.of(productIds));
    }
  }

  /** A product being looked at, optionally by a known person. */
  record Product(String personId, String productId) implements Subject {
    public Product {
      Objects.requireNonNull(productId, "productId");
    }

    public static Product of(String productId) {
      return new Product(null, productId);
    }
  }

  /** A known person. */
  record Person(String personId) implements Subject {
    public Person {
      Objects.requireNonNull(personId, "personId");
    }
  }

  /** A category, optionally for a known person. */
  record Category(String personId, String category) implements Subject {
    public Category {
      Objects.requireNonNull(category, "category");
    }

    public static Category of(String category) {
      return new Category(null, category);
    }
  }

  /** Nobody in particular. */
  record Anyone() implements Subject {
    @Override
    public String personId() {
      return null;
    }
  }
}
