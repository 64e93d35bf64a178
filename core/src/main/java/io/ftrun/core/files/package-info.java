/** File transfer: the raw and framed receivers and senders, the framed protocol (docs/PROTOCOL.md), naming policies, the directory a receiver writes into without following links, resume and digests. */
package io.ftrun.core.files;
