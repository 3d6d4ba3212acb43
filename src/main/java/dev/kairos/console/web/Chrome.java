package dev.kairos.console.web;

/**
 * What every page's frame shows: its title, the navigation section it is in, and who is signed in
 * (absent on the sign-in page).
 */
public record Chrome(String title, String section, Viewer viewer) {
  public static Chrome signedOut(String title) {
    return new Chrome(title, "", null);
  }

  public boolean signedIn() {
    return viewer != null;
  }

  /** The htmx header that sends the CSRF token with every request htmx makes. */
  public String htmxHeaders() {
    return viewer == null ? "{}" : "{\"X-CSRF-Token\": \"" + viewer.csrfToken() + "\"}";
  }

  public String current(String item) {
    return item.equals(section) ? "page" : null;
  }
}
