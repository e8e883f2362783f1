// The renderer's only door to the main process: `window.berth`, with invoke and subscribe.
import type { IpcRendererEvent } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiEvent, ApiEventListener, ApiResponse, ApiTransport } from '../shared/rpc';
import { eventChannel, invokeChannel } from './shell/channels';

/** What the page sees as `window.berth`: the same transport browser mode offers over HTTP. */
export type BerthBridge = ApiTransport;

const bridge: BerthBridge = {
  invoke(method: string, input: unknown): Promise<ApiResponse> {
    return ipcRenderer.invoke(invokeChannel, method, input) as Promise<ApiResponse>;
  },

  subscribe(listener: ApiEventListener): () => void {
    // The IPC event object stays here: it carries the sender and must not reach the page.
    const forward = (_event: IpcRendererEvent, apiEvent: ApiEvent): void => {
      listener(apiEvent);
    };
    ipcRenderer.on(eventChannel, forward);
    return () => {
      ipcRenderer.removeListener(eventChannel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('berth', bridge);
