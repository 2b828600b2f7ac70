/** 第 13 号问题：在账户的设备列表中让单台设备退出登录。与 en/devices.ts 键相同。 */
const devices = {
  resources: {
    devices: {
      signOut: {
        column: '退出登录',
        label: '退出登录',
        confirm: '让 %{device} 退出登录？',
        description: '只有这台设备会退出登录，客户会收到邮件通知。原因将记入审计记录。',
        done: '该设备已退出登录，已通知客户。',
      },
    },
  },
};

export default devices;
