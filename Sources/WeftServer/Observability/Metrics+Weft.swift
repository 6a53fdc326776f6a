/// Weft's own metric families: their names, types, labels and help, in one place.
extension Metrics {
    /// The names of Weft's metric families, so that recording code does not spell them out.
    public enum Weft {
        /// Counter `weft_runs_total{state}`: runs finished, by final state.
        public static let runsTotal = "weft_runs_total"
        /// Counter `weft_runs_enqueued_total{trigger}`: runs enqueued, by trigger kind.
        public static let runsEnqueuedTotal = "weft_runs_enqueued_total"
        /// Gauge `weft_queue_depth`: runs waiting in the queue.
        public static let queueDepth = "weft_queue_depth"
        /// Gauge `weft_queue_oldest_age_seconds`: how long the oldest queued run has waited.
        public static let queueOldestAgeSeconds = "weft_queue_oldest_age_seconds"
        /// Gauge `weft_runs_running`: runs being executed.
        public static let runsRunning = "weft_runs_running"
        /// Histogram `weft_step_duration_seconds{kind}`: step execution time, by step kind.
        public static let stepDurationSeconds = "weft_step_duration_seconds"
        /// Counter `weft_step_retries_total`: step attempts retried.
        public static let stepRetriesTotal = "weft_step_retries_total"
        /// Counter `weft_dead_letters_total`: runs moved to the dead letters.
        public static let deadLettersTotal = "weft_dead_letters_total"
        /// Histogram `weft_webhook_duration_seconds{status}`: webhook receipt to response, by response status.
        public static let webhookDurationSeconds = "weft_webhook_duration_seconds"
        /// Counter `weft_webhook_rejections_total{reason}`: webhook requests refused, by reason.
        public static let webhookRejectionsTotal = "weft_webhook_rejections_total"
        /// Histogram `weft_trigger_to_first_step_seconds`: from a trigger firing to its run's first step starting.
        public static let triggerToFirstStepSeconds = "weft_trigger_to_first_step_seconds"
        /// Counter `weft_http_requests_total{method,status}`: HTTP requests answered, by method and status.
        public static let httpRequestsTotal = "weft_http_requests_total"
    }

    /// Weft's metric families, documented in one place and declared by ``describeWeftMetrics()``.
    public static let weft: [Definition] = [
        Definition(
            name: Weft.runsTotal, kind: .counter, help: "Runs finished, by final state.", labels: ["state"]),
        Definition(
            name: Weft.runsEnqueuedTotal, kind: .counter, help: "Runs enqueued, by trigger kind.",
            labels: ["trigger"]),
        Definition(name: Weft.queueDepth, kind: .gauge, help: "Runs queued and waiting to be executed."),
        Definition(
            name: Weft.queueOldestAgeSeconds, kind: .gauge,
            help: "Age in seconds of the oldest queued run (0 when the queue is empty)."),
        Definition(name: Weft.runsRunning, kind: .gauge, help: "Runs being executed."),
        Definition(
            name: Weft.stepDurationSeconds, kind: .histogram, help: "Step execution time in seconds, by step kind.",
            labels: ["kind"], buckets: defaultBuckets + [30, 60]),
        Definition(name: Weft.stepRetriesTotal, kind: .counter, help: "Step attempts that were retried."),
        Definition(name: Weft.deadLettersTotal, kind: .counter, help: "Runs moved to the dead letters."),
        Definition(
            name: Weft.webhookDurationSeconds, kind: .histogram,
            help: "Time in seconds from receiving a webhook to responding, by response status.", labels: ["status"]),
        Definition(
            name: Weft.webhookRejectionsTotal, kind: .counter, help: "Webhook requests rejected, by reason.",
            labels: ["reason"]),
        Definition(
            name: Weft.triggerToFirstStepSeconds, kind: .histogram,
            help: "Time in seconds from a trigger firing to the first step of its run starting.",
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]),
        Definition(
            name: Weft.httpRequestsTotal, kind: .counter, help: "HTTP requests answered, by method and status.",
            labels: ["method", "status"]),
    ]
}
