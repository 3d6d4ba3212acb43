package dev.kairos.console.web;

import io.javalin.http.Context;

/** A console page or action, called once the viewer is signed in and allowed. */
@FunctionalInterface
interface PageHandler {
  void handle(Context ctx, Viewer viewer) throws Exception;
}
