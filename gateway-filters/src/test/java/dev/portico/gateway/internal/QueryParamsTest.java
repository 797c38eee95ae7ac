package dev.portico.gateway.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryParamsTest {

    @Test
    void findsTheFirstValueOfAName() {
        assertThat(QueryParams.first("a=1&b=2&a=3", "a")).isEqualTo("1");
        assertThat(QueryParams.first("a=1&b=2&a=3", "b")).isEqualTo("2");
    }

    @Test
    void aBareNameHasTheEmptyValue() {
        assertThat(QueryParams.first("flag&x=1", "flag")).isEmpty();
        assertThat(QueryParams.first("x=1&flag", "flag")).isEmpty();
        assertThat(QueryParams.first("flag=", "flag")).isEmpty();
    }

    @Test
    void absentNamesAndQueriesAreNull() {
        assertThat(QueryParams.first(null, "a")).isNull();
        assertThat(QueryParams.first("", "a")).isNull();
        assertThat(QueryParams.first("ab=1&ba=2&b", "a")).isNull();
        assertThat(QueryParams.first("x=a&y=b", "a")).isNull();
    }

    @Test
    void valuesArePercentAndPlusDecoded() {
        assertThat(QueryParams.first("q=a%20b+c%26d", "q")).isEqualTo("a b c&d");
        assertThat(QueryParams.first("q=x%3Dy=z", "q")).isEqualTo("x=y=z");
    }

    @Test
    void malformedEscapesCompareAsSent() {
        assertThat(QueryParams.first("q=100%", "q")).isEqualTo("100%");
        assertThat(QueryParams.first("q=%zz", "q")).isEqualTo("%zz");
    }

    @Test
    void emptyPartsAreSkipped() {
        assertThat(QueryParams.first("&&a=1&", "a")).isEqualTo("1");
        assertThat(QueryParams.first("=x&a=2", "a")).isEqualTo("2");
    }

    @Test
    void cookiesAreFoundAcrossHeadersAndUnquoted() {
        HttpHeaders h = new DefaultHttpHeaders().add("Cookie", "a=1; b=\"two\"").add("Cookie", "c=3;d = 4");
        assertThat(QueryParams.cookie(h, "a")).isEqualTo("1");
        assertThat(QueryParams.cookie(h, "b")).isEqualTo("two");
        assertThat(QueryParams.cookie(h, "c")).isEqualTo("3");
        assertThat(QueryParams.cookie(h, "x")).isNull();
    }

    @Test
    void cookieNamesMustMatchWhole() {
        HttpHeaders h = new DefaultHttpHeaders().add("Cookie", "session_id=1; flag; id=7");
        assertThat(QueryParams.cookie(h, "id")).isEqualTo("7");
        assertThat(QueryParams.cookie(h, "session")).isNull();
        assertThat(QueryParams.cookie(h, "flag")).isNull();
        assertThat(QueryParams.cookie(new DefaultHttpHeaders(), "id")).isNull();
    }

    @Test
    void emptyCookieValueIsPresent() {
        HttpHeaders h = new DefaultHttpHeaders().add("Cookie", "a=; b=2");
        assertThat(QueryParams.cookie(h, "a")).isEmpty();
    }
}
