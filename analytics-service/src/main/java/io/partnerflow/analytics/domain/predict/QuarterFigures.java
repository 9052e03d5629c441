package io.partnerflow.analytics.domain.predict;

/**
 * One partner's figures for one calendar quarter, as model inputs: revenue (sourced + influenced, base currency),
 * won deals, registrations submitted, certifications completed, and the stage-weighted open pipeline at the quarter's
 * end (base currency). Doubles: these are features of a statistical model, never money that is paid or shown as exact.
 */
public record QuarterFigures(double revenue, long dealsWon, long registrations, long certifications, double weightedPipeline) {
    public static final QuarterFigures NONE = new QuarterFigures(0, 0, 0, 0, 0);

    public QuarterFigures withPipeline(double pipeline) {
        return new QuarterFigures(revenue, dealsWon, registrations, certifications, pipeline);
    }
}
