package io.tributary.pipeline.store;

import java.security.SecureRandom;

/** Ids users see and type: a kind prefix and random base62, like Arroyo's {@code pl_…}. */
public final class PublicIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PublicIds() {}

    public static String pipelineId() {
        return generate("pl_");
    }

    public static String jobId() {
        return generate("job_");
    }

    public static String connectionProfileId() {
        return generate("cp_");
    }

    public static String connectionTableId() {
        return generate("ct_");
    }

    public static String udfId() {
        return generate("udf_");
    }

    public static String apiKeyId() {
        return generate("key_");
    }

    private static String generate(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
