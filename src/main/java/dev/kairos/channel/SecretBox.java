package dev.kairos.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps channel credentials encrypted at rest: AES-256-GCM with a fresh 96-bit nonce per value
 * (stored as nonce followed by ciphertext and tag). The key is derived from the installation's
 * signing key, so every node sharing the database can read what another wrote, and a copy of the
 * database alone reads nothing.
 */
public final class SecretBox {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;

  /**
   * @param material secret bytes the key is derived from (SHA-256 of them)
   */
  public SecretBox(byte[] material) {
    try {
      this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(material), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public byte[] seal(String text) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /** The text, or empty when it was sealed with another key or altered. */
  public Optional<String> open(byte[] sealed) {
    if (sealed == null || sealed.length <= NONCE) {
      return Optional.empty();
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
      byte[] text = cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
      return Optional.of(new String(text, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
