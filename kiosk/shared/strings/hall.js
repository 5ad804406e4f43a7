// Strings of the hall display (/hall/{congress}), shown on the projector. 简体中文 first,
// English second, 繁體中文 where written.

export default {
  'hall.pageTitle': { 'zh-CN': '会场显示', en: 'Hall display', 'zh-TW': '會場顯示' },
  'hall.loading': { 'zh-CN': '正在载入……', en: 'Loading…', 'zh-TW': '正在載入……' },
  'hall.noCongress': { 'zh-CN': '地址中缺少大会编号。', en: 'The address names no congress.', 'zh-TW': '位址中缺少大會編號。' },
  'hall.notFound': { 'zh-CN': '找不到这次大会：请检查地址。', en: 'This congress was not found: check the address.', 'zh-TW': '找不到這次大會：請檢查位址。' },
  'hall.updated': { 'zh-CN': '更新于 {time}', en: 'Updated {time}', 'zh-TW': '更新於 {time}' },
  'hall.stale': {
    'zh-CN': '与服务器的连接中断，显示的是 {time} 的情况。',
    en: 'The server cannot be reached: this is how things stood at {time}.',
    'zh-TW': '與伺服器的連線中斷，顯示的是 {time} 的情況。',
  },
  'hall.unreachable': { 'zh-CN': '无法连接服务器，正在重试……', en: 'The server cannot be reached; trying again…', 'zh-TW': '無法連線伺服器，正在重試……' },
  'hall.slide': { 'zh-CN': '第 {n} 页，共 {total} 页', en: 'Screen {n} of {total}', 'zh-TW': '第 {n} 頁，共 {total} 頁' },
  'hall.roundKind': { 'zh-CN': '（{kind}）', en: ' ({kind})', 'zh-TW': '（{kind}）' },

  'hall.preparing.heading': { 'zh-CN': '大会筹备中', en: 'The congress is being prepared', 'zh-TW': '大會籌備中' },
  'hall.preparing.text': {
    'zh-CN': '选举办法确定后，这里显示代表报到情况。',
    en: 'Once the election rules are fixed, attendance appears here.',
    'zh-TW': '選舉辦法確定後，這裡顯示代表報到情況。',
  },
  'hall.attendance.heading': { 'zh-CN': '代表报到情况', en: 'Attendance', 'zh-TW': '代表報到情況' },
  'hall.quorum.met': {
    'zh-CN': '实到人数已达法定人数（至少 {required} 人），可以进行选举。',
    en: 'The quorum holds (at least {required} present): voting may proceed.',
    'zh-TW': '實到人數已達法定人數（至少 {required} 人），可以進行選舉。',
  },
  'hall.quorum.notMet': {
    'zh-CN': '尚未达到法定人数：至少须 {required} 人，还差 {missing} 人。',
    en: 'No quorum yet: at least {required} must be present, {missing} more.',
    'zh-TW': '尚未達到法定人數：至少須 {required} 人，還差 {missing} 人。',
  },
  'hall.voting.heading': { 'zh-CN': '第 {number} 轮投票进行中（{sitting}）', en: 'Round {number} is open ({sitting})', 'zh-TW': '第 {number} 輪投票進行中（{sitting}）' },
  'hall.voting.note': {
    'zh-CN': '投票进行中。计票结果在本轮投票结束后公布。',
    en: 'Voting is under way. The count is announced when the round closes.',
    'zh-TW': '投票進行中。計票結果在本輪投票結束後公布。',
  },
  'hall.counted.heading': { 'zh-CN': '第 {number} 轮计票结果（{sitting}）', en: 'Round {number}: the count ({sitting})', 'zh-TW': '第 {number} 輪計票結果（{sitting}）' },
  'hall.votes': { 'zh-CN': '{votes} 票', en: '{votes} for', 'zh-TW': '{votes} 票' },
  'hall.published.heading': { 'zh-CN': '选举结果已公布', en: 'The result is published', 'zh-TW': '選舉結果已公布' },
  'hall.hash.heading': { 'zh-CN': '结果哈希', en: 'Result hash', 'zh-TW': '結果雜湊' },
  'hall.hash.note': {
    'zh-CN': '结果哈希写入选举结果报告；二维码即此哈希。选举结果可在 {address} 查看和核对。',
    en: 'The result hash goes into the minutes; the QR code holds it. The results can be read and checked at {address}.',
    'zh-TW': '結果雜湊寫入選舉結果報告；QR 碼即此雜湊。選舉結果可在 {address} 查看和核對。',
  },
};
