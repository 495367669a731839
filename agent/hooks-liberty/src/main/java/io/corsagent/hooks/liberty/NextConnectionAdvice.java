package io.corsagent.hooks.liberty;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import com.ibm.ws.webcontainer.internalRuntimeExport.srt.IPrivateRequestAttributes;
import com.ibm.wsspi.webcontainer.servlet.IExtendedRequest;

/**
 * Inlined at the end of {@code SRTConnectionContext#prepareForNextConnection(IRequest, IResponse)}, which
 * {@code WebContainer#handleRequest} calls to make its servlet request for the transport's request: keeps the
 * exchange of the thread's entry mark (see {@link HandleRequestAdvice}) among the new request's private attributes,
 * where {@link CommitAdvice} finds it, on whatever thread the response commits. Private attributes are never
 * enumerated and are dropped when the servlet request is made ready for its next use; a request the agent leaves
 * alone gets none, so its commit costs one lookup that finds nothing.
 */
final class NextConnectionAdvice {

    private NextConnectionAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.FieldValue("_request") IExtendedRequest request) {
        try {
            Object decision = CorsBridge.entryDecision();
            if (decision instanceof CorsExchange && request instanceof IPrivateRequestAttributes) {
                ((IPrivateRequestAttributes) request).setPrivateAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
            }
        } catch (Throwable error) {
            CorsBridge.failed("liberty.entry", error);
        }
    }
}
