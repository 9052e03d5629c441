package io.partnerflow.analytics.application;

import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Retrains the models on the history up to the last complete quarter every {@code analytics.predictions.retrain-every}
 * ({@code off} disables it); once across replicas (advisory lock in {@link PredictionService#train}).
 */
@ApplicationScoped
public class PredictionTrainingJob {
    private static final Logger LOG = Logger.getLogger(PredictionTrainingJob.class);

    private final PredictionService predictions;

    public PredictionTrainingJob(PredictionService predictions) {
        this.predictions = predictions;
    }

    @Scheduled(identity = "prediction-training", every = "${analytics.predictions.retrain-every}", delayed = "120s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return predictions.train(predictions.lastCompleteQuarter())
                .invoke(o -> LOG.infof("prediction training through %s: %s", o.through(), o.skipped() ? "skipped (another replica runs it)"
                        : "model v" + o.modelVersion() + ", " + o.trainingRows() + " rows, " + o.scored() + " partners scored for " + o.target()))
                .onFailure(ProblemException.class).invoke(e -> LOG.infof("prediction training skipped: %s", e.getMessage()))
                .onFailure(ProblemException.class).recoverWithNull()
                .replaceWithVoid();
    }
}
