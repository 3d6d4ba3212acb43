package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2.0 bearer token FCM wants: either a static access token as configured, or one obtained
 * for a service account (RFC 7523: a JWT signed RS256 with the account's private key, exchanged at
 * its {@code token_uri} for the {@code firebase.messaging} scope) and kept until a minute before it
 * expires.
 */
final class GoogleAccessToken {
  static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

  /** The fields of a Google service-account key file that signing needs. */
  record ServiceAccount(String clientEmail, String privateKey, URI tokenUri) {}

  private final Optional<String> staticToken;
  private final Optional<ServiceAccount> account;
  private final ProviderHttp http;
  private final Clock clock;
  private String token;
  private Instant expires = Instant.MIN;

  GoogleAccessToken(
      Optional<String> staticToken,
      Optional<ServiceAccount> account,
      ProviderHttp http,
      Clock clock) {
    this.staticToken = staticToken;
    this.account = account;
    this.http = http;
    this.clock = clock;
  }

  synchronized ProviderToken current() {
    if (staticToken.isPresent()) {
      return new ProviderToken.Token(staticToken.get());
    }
    Instant now = clock.instant();
    if (token != null && now.isBefore(expires)) {
      return new ProviderToken.Token(token);
    }
    return exchange(account.orElseThrow(), now);
  }

  /** Forgets a token the provider refused, so the next attempt gets a new one. */
  synchronized void forget() {
    token = null;
  }

  private ProviderToken exchange(ServiceAccount sa, Instant now) {
    String assertion;
    try {
      assertion = jwt(sa, now);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return new ProviderToken.Refused(
          false, "the service account's private_key cannot sign: " + e);
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    form.put("assertion", assertion);
    ProviderHttp.Reply reply =
        http.call(
            http.to(sa.tokenUri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ProviderHttp.form(form))
                .build());
    if (reply instanceof ProviderHttp.Reply.Unreachable u) {
      return new ProviderToken.Refused(true, "token endpoint: " + u.error());
    }
    ProviderHttp.Reply.Answered a = (ProviderHttp.Reply.Answered) reply;
    JsonNode answer = http.parse(a.body());
    Optional<String> value = ProviderHttp.text(answer.get("access_token"));
    if (a.status() != 200 || value.isEmpty()) {
      return new ProviderToken.Refused(
          ProviderHttp.retryable(a.status()),
          "token endpoint HTTP " + a.status() + ": " + ProviderHttp.excerpt(a));
    }
    token = value.get();
    long seconds = answer.path("expires_in").asLong(3600);
    expires = now.plus(Duration.ofSeconds(Math.max(0, seconds - 60)));
    return new ProviderToken.Token(token);
  }

  private String jwt(ServiceAccount sa, Instant now) throws GeneralSecurityException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", sa.clientEmail());
    claims.put("scope", SCOPE);
    claims.put("aud", sa.tokenUri().toString());
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
    String signingInput =
        b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(http.write(claims).getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(privateKey(sa.privateKey()));
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(rsa.sign());
  }

  /** A PKCS#8 PEM key ({@code -----BEGIN PRIVATE KEY-----}), as Google's key files hold it. */
  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    String base64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
