package dev.kairos.console.web;

import dev.kairos.console.ConsoleUser;

/** Who is looking at a page, and the CSRF token the page's forms send back. */
public record Viewer(ConsoleUser user, String csrfToken) {}
