package io.tributary.pipeline.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets of connection profiles with AES-256-GCM before they reach the database. The key
 * is {@code tributary.secrets.key} (base64 of 32 bytes); without one, a key is generated on first
 * use and kept in {@code tributary.secrets.key-file}, so the embedded defaults need no setup.
 */
@Component
public class SecretCipher {
    static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretsProperties properties;
    private volatile SecretKey key;

    public SecretCipher(SecretsProperties properties) {
        this.properties = properties;
    }

    public String encrypt(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret with AES-GCM", e);
        }
    }

    public String decrypt(String stored) {
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("not an encrypted secret");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a stored secret: was tributary.secrets.key changed?", e);
        }
    }

    public static boolean isEncrypted(String value) {
        return value.startsWith(PREFIX);
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(properties.key().map(SecretCipher::decode).orElseGet(this::keyFromFile), "AES");
                }
                current = key;
            }
        }
        return current;
    }

    private static byte[] decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tributary.secrets.key is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("tributary.secrets.key must be 32 bytes (base64), got " + bytes.length);
        }
        return bytes;
    }

    private byte[] keyFromFile() {
        Path file = properties.keyFile();
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file));
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            Optional.ofNullable(Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class))
                    .ifPresent(view -> {
                        try {
                            view.setPermissions(PosixFilePermissions.fromString("rw-------"));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            return fresh;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot read or create the secrets key file " + file, e);
        }
    }
}
