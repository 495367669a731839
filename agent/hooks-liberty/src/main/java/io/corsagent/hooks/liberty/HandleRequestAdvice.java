package io.corsagent.hooks.liberty;

import java.io.IOException;
import java.net.URLDecoder;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.HookAdapters;
import io.corsagent.bridge.HookProtocol;

import net.bytebuddy.asm.Advice;

import com.ibm.websphere.servlet.request.IRequest;
import com.ibm.websphere.servlet.response.IResponse;
import com.ibm.ws.webcontainer.util.WSURLDecoder;
import com.ibm.wsspi.webcontainer.WCCustomProperties;
import com.ibm.wsspi.webcontainer.util.RequestUtils;

/**
 * Inlined into {@code WebContainer#handleRequest(IRequest, IResponse, VirtualHost, RequestProcessor)}: decides the
 * request on the path the web container maps, computed as the method itself computes it a few lines further: the
 * request URI decoded with the container's {@code encoding} and {@code decodeUrlPlusSign} setting, then canonicalized
 * by the container's own {@code RequestUtils} (path parameters, dot segments and empty segments removed), context
 * path included. From Servlet 6 on, the container maps that canonical path and answers 400 to a URI it cannot
 * canonicalize; before, it maps the decoded path as it is, but its security constraints see it normalised, and so
 * does the policy (a URI that cannot be canonicalized is then decided as decoded). That path needs the container's own
 * members ({@code encoding}, {@code isServlet60orAbove}), so the advice works it out and hands it to the entry
 * protocol ({@link HookProtocol#enter(io.corsagent.bridge.ContainerAdapter, Object, Object, String)}). A request the
 * agent answers (a preflight, or a request refused by strict rejection) is answered before the container builds its
 * servlet request: the answer's status and headers go on the transport's response, and the method body is skipped. The HTTP dispatcher
 * finishes the connection when the method returns (it does for every request that is not async), which sends that
 * response and writes the access log; no collaborator, filter or servlet sees the request.
 *
 * <p>A request the container serves marks the thread with its decision while the method runs
 * ({@link CorsBridge#beginEntry}, by the protocol): the exchange, or {@code Boolean.FALSE} when the agent leaves the
 * request alone.
 * {@link NextConnectionAdvice} keeps the exchange with the servlet request for {@link CommitAdvice}, and the
 * servlet-level fallback, which runs inside this method for a REQUEST dispatch, reads the mark and never decides
 * the request again. A URI the container refuses (one it cannot decode, or from Servlet 6 on canonicalize) is left
 * alone: the container answers it with 400 itself.
 */
final class HandleRequestAdvice {

    private HandleRequestAdvice() {
    }

    /** @return true to skip {@code handleRequest}: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Origin Class<?> webContainer,
                         @Advice.Argument(0) IRequest request,
                         @Advice.Argument(1) IResponse response,
                         @Advice.FieldValue("encoding") String encoding,
                         @Advice.FieldValue("isServlet60orAbove") boolean canonicalizes,
                         @Advice.Local("outerEntry") Object outerEntry) {
        outerEntry = CorsBridge.entryDecision();
        String path;
        try {
            String uri = request.getRequestURI();
            try {
                path = WCCustomProperties.DECODE_URL_PLUS_SIGN ? URLDecoder.decode(uri, encoding)
                        : WSURLDecoder.decode(uri, encoding);
            } catch (IOException | IllegalArgumentException undecodable) {
                path = null;
            }
            try {
                path = path == null ? null : RequestUtils.canonicalizeURI(path);
            } catch (IOException refused) {
                // Servlet 6 containers answer such a URI with 400 themselves; earlier ones serve it as decoded.
                path = canonicalizes ? null : path;
            }
        } catch (Throwable error) {
            CorsBridge.failed("liberty.entry", error);
            return false;
        }
        return HookProtocol.enter(HookAdapters.get(LibertyHook.ADAPTER, webContainer), request, response, path);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Local("outerEntry") Object outerEntry) {
        CorsBridge.endEntry(outerEntry);
    }
}
