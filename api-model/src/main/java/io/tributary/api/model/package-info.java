/**
 * REST payloads of Tributary's API under {@code /api/v1}. Field names follow Arroyo's API;
 * on the wire every name is snake_case ({@link io.tributary.api.client.ApiJson}).
 */
package io.tributary.api.model;
