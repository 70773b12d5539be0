package io.tributary.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a {@link MetricGroup} measures. Arroyo's names first (rates per second, except the
 * queue gauges); then Tributary's own, which Arroyo clients ignore.
 */
public enum MetricName {
    /** Arrow buffer bytes received per second. */
    @JsonProperty("bytes_recv") BYTES_RECV,
    @JsonProperty("bytes_sent") BYTES_SENT,
    /** Rows received per second. */
    @JsonProperty("messages_recv") MESSAGES_RECV,
    @JsonProperty("messages_sent") MESSAGES_SENT,
    /** Fill of the fullest queue the operator's subtask sends to, from 0 to 1. */
    @JsonProperty("backpressure") BACKPRESSURE,
    /** Capacity, in batches, of the queues the operator's subtask sends to. */
    @JsonProperty("tx_queue_size") TX_QUEUE_SIZE,
    /** Batches those queues can still take. */
    @JsonProperty("tx_queue_rem") TX_QUEUE_REM,
    @JsonProperty("batches_recv") BATCHES_RECV,
    @JsonProperty("batches_sent") BATCHES_SENT,
    /** Share of the time, from 0 to 1, the operator's subtask spent handing batches on (waiting for room). */
    @JsonProperty("send_blocked") SEND_BLOCKED,
    /** The operator's latest watermark, epoch microseconds. */
    @JsonProperty("watermark") WATERMARK,
    /** Seconds between the sample's time and the operator's watermark. */
    @JsonProperty("watermark_lag") WATERMARK_LAG,
    /** A lookup join's rows per second whose key its cache answered. */
    @JsonProperty("lookup_hits") LOOKUP_HITS,
    /** A lookup join's rows per second whose key it fetched from the table. */
    @JsonProperty("lookup_misses") LOOKUP_MISSES,
    /** A lookup join's calls of the table per second (one per batch with keys the cache did not hold). */
    @JsonProperty("lookups") LOOKUPS,
    /** Keys, found or not, a lookup join's cache holds. */
    @JsonProperty("lookup_cache_entries") LOOKUP_CACHE_ENTRIES,
    /** The estimated bytes of a lookup join's cache. */
    @JsonProperty("lookup_cache_bytes") LOOKUP_CACHE_BYTES
}
