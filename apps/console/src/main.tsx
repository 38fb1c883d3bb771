import { firstPage } from './early-start';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'antd/dist/antd.css';
import { App } from './App';
import { SessionProvider } from './session';
import './styles.css';

dayjs.locale('zh-cn');

// The first page's code, when early-start.ts asked for it: in (or failed, or slower than 3 s, when the lazy page
// takes over), so the shell's first render draws the page too.
// (Not a top-level await: with one the bundler splits the console into twice as many chunks to keep module order.)
const render = () => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ zeroRuntime: true, token: { colorPrimary: '#1557b0', borderRadius: 6, fontFamily: '"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",system-ui,sans-serif' } }}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
if (firstPage) void Promise.race([firstPage, new Promise((resolve) => setTimeout(resolve, 3000))]).then(render);
else render();
