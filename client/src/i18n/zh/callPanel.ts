/** 问题 6 第 5、6 点：不匹配次数始终可见、冻结用文字说明、锁定横幅的一行摘要与折叠的明细；与 en/callPanel.ts 同键。 */
const callPanel = {
  journey: {
    checks: {
      mismatchCount: '不匹配：%{count} / %{max} 次',
      frozenNow: '%{factor}不匹配。核验已冻结：须由主管复核此工单。',
    },
    lock: {
      summary: '%{from}–%{to}，来自 %{countries} 的 %{ips} 个 IP 地址共输错密码 %{failures} 次',
      summaryOne: '%{from}，来自 %{countries} 输错密码 1 次',
      showDetails: '显示 %{count} 次登录尝试',
      hideDetails: '收起登录尝试',
      severalCountries:
        '登录来自多个国家/地区（%{countries}）：这是账户被盗的迹象。请询问只有本人知道的问题。',
    },
    case: {
      frozenMarker: '核验已冻结',
    },
  },
};

export default callPanel;
