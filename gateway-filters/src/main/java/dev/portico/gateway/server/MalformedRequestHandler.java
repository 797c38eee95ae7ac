package dev.portico.gateway.server;

import dev.portico.gateway.response.ProblemResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Answers requests that HTTP/1.1 decoding rejected (headers over the server's limit: 431, request line too long: 414,
 * anything else malformed: 400) with a problem+json body, where Reactor Netty would send an empty response. Sits right
 * after the HTTP codec; well-formed requests pass through untouched. The connection is closed after the answer, since
 * the rest of its input cannot be trusted.
 */
@ChannelHandler.Sharable
public final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "portico.malformedRequest";

    private static final MalformedRequestHandler INSTANCE = new MalformedRequestHandler();

    private MalformedRequestHandler() {
    }

    /** Adds the handler to every HTTP/1.1 connection of the server. */
    public static HttpServer install(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, NAME, INSTANCE);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject object) || object.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        DecoderResult result = object.decoderResult();
        boolean request = msg instanceof HttpRequest;
        ReferenceCountUtil.release(msg);
        if (!request) {
            return; // a failed body chunk after a request already answered or handled downstream
        }
        Throwable cause = result.cause();
        int status;
        String detail;
        if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            detail = "request header fields are larger than the server accepts";
        }
        else if (cause instanceof TooLongHttpLineException) {
            status = 414;
            detail = "request line is longer than the server accepts";
        }
        else {
            status = 400;
            detail = "request could not be parsed as HTTP/1.1";
        }
        byte[] body = ProblemResponses.body(status, ProblemResponses.title(status), detail, null, null);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
