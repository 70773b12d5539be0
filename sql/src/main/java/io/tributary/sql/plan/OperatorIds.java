package io.tributary.sql.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Operator ids derived from what an operator is, never from where it was written: its kind,
 * its identity (the table for sources and sinks, its expressions and output schema for the
 * rest) and the ids of its inputs. An edit elsewhere in the query leaves them unchanged, which
 * is what lets state be restored into an edited pipeline. Identical operators on identical
 * inputs get the same id, and the planner shares them instead of running them twice.
 */
public final class OperatorIds {
    private static final int HEX_DIGITS = 16;

    private OperatorIds() {}

    public static String of(String kind, byte[] identity, List<String> inputIds) {
        MessageDigest digest = sha256();
        digest.update(kind.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(identity);
        for (String input : inputIds) {
            digest.update((byte) 0);
            digest.update(input.getBytes(StandardCharsets.UTF_8));
        }
        return kind + "_" + HexFormat.of().formatHex(digest.digest()).substring(0, HEX_DIGITS);
    }

    public static String of(String kind, String identity, List<String> inputIds) {
        return of(kind, identity.getBytes(StandardCharsets.UTF_8), inputIds);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
