package dev.kairos.intelligence.clv;

/** The outcome of fitting a model: a fitted model, or the reason there is none. */
public sealed interface FitResult<M>
    permits FitResult.Fitted, FitResult.NotEnoughData, FitResult.DidNotConverge {

  /** The model was fitted. */
  record Fitted<M>(M model) implements FitResult<M> {}

  /** The data are too thin for the model to mean anything; nothing was fitted. */
  record NotEnoughData<M>(String reason) implements FitResult<M> {}

  /** The optimiser did not reach a maximum of the likelihood. */
  record DidNotConverge<M>(String reason) implements FitResult<M> {}

  /** The reason there is no model, or null when there is one. */
  default String reason() {
    return null;
  }
}
