package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.tls.CertificateGenerator.Issued;
import io.redoubt.tls.CertificateGenerator.Usage;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** PKIX decides; the trust manager only remembers the chains PKIX accepted, for the same kind of check. */
class RememberingTrustManagerTest {
    private static final Instant NOW = Instant.now();
    private final Issued ca = CertificateGenerator.ca("CN=ca", CertificateGenerator.rsa(2048),
        NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)));
    private final RememberingTrustManager trust = RememberingTrustManager.forAnchors(List.of(ca.certificate()));

    private X509Certificate[] leaf(Issued issuer, Usage usage, Instant notBefore, Instant notAfter) {
        return new X509Certificate[] {CertificateGenerator.leaf(issuer, "CN=peer", CertificateGenerator.rsa(2048),
            usage, notBefore, notAfter).certificate()};
    }

    private X509Certificate[] valid(Usage usage) {
        return valid(ca, usage);
    }

    @Test
    void anAcceptedChainIsRememberedOnce() throws CertificateException {
        X509Certificate[] client = valid(Usage.CLIENT);
        trust.checkClientTrusted(client, "RSA", (SSLEngine) null);
        trust.checkClientTrusted(client, "RSA", (SSLEngine) null);
        assertThat(trust.remembered()).isEqualTo(1);
    }

    @Test
    void aChainFromAnotherCaIsRefusedAndNotRemembered() {
        Issued stranger = CertificateGenerator.ca("CN=stranger", CertificateGenerator.rsa(2048),
            NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)));
        X509Certificate[] chain = leaf(stranger, Usage.CLIENT, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> trust.checkClientTrusted(chain, "RSA", (SSLEngine) null))
                .isInstanceOf(CertificateException.class);
        }
        assertThat(trust.remembered()).isZero();
    }

    @Test
    void expiredAndNotYetValidChainsAreRefused() {
        X509Certificate[] expired = leaf(ca, Usage.CLIENT, NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofHours(1)));
        X509Certificate[] early = leaf(ca, Usage.CLIENT, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> trust.checkClientTrusted(expired, "RSA", (SSLEngine) null))
            .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(early, "RSA", (SSLEngine) null))
            .isInstanceOf(CertificateException.class);
        assertThat(trust.remembered()).isZero();
    }

    @Test
    void aChainRememberedForClientsIsStillCheckedAsAServer() throws CertificateException {
        X509Certificate[] clientOnly = valid(Usage.CLIENT);
        trust.checkClientTrusted(clientOnly, "RSA", (SSLEngine) null);
        assertThatThrownBy(() -> trust.checkServerTrusted(clientOnly, "RSA", (SSLEngine) null))
            .as("a client-only certificate does not serve as a server's")
            .isInstanceOf(CertificateException.class);
    }

    @Test
    void aChainThroughAnExpiredCaIsRefusedThoughTheJdkTakesItAsAnAnchor() {
        Issued expiredRoot = CertificateGenerator.ca("CN=expired root", CertificateGenerator.rsa(2048),
            NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)));
        Issued expiredIntermediate = CertificateGenerator.intermediate(ca, "CN=expired intermediate",
            CertificateGenerator.rsa(2048), NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)));
        RememberingTrustManager withExpired = RememberingTrustManager.forAnchors(
            List.of(ca.certificate(), expiredRoot.certificate(), expiredIntermediate.certificate()));
        X509Certificate[] byRoot = valid(expiredRoot, Usage.CLIENT);
        X509Certificate[] byIntermediate = valid(expiredIntermediate, Usage.CLIENT);
        X509Certificate[] withIntermediate = {byIntermediate[0], expiredIntermediate.certificate()};
        for (X509Certificate[] chain : List.of(byRoot, byIntermediate, withIntermediate)) {
            assertThatThrownBy(() -> withExpired.checkClientTrusted(chain, "RSA", (SSLEngine) null))
                .as(chain[0].getIssuerX500Principal().getName())
                .isInstanceOf(java.security.cert.CertificateExpiredException.class);
            assertThatThrownBy(() -> withExpired.checkServerTrusted(valid(expiredRoot, Usage.SERVER), "RSA"))
                .isInstanceOf(java.security.cert.CertificateExpiredException.class);
        }
        assertThat(withExpired.remembered()).isZero();
    }

    private X509Certificate[] valid(Issued issuer, Usage usage) {
        return leaf(issuer, usage, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)));
    }
}
