// Strings every page shares: languages, display settings, card codes, the names of styles,
// electorates and bodies, and the server's refusals (error.<code>, see shared/api.js).
// Each key: 简体中文 first, English second, 繁體中文 where written.

export default {
  'language.zh-CN': { 'zh-CN': '简体中文', en: '简体中文', 'zh-TW': '简体中文' },
  'language.en': { 'zh-CN': 'English', en: 'English', 'zh-TW': 'English' },
  'language.zh-TW': { 'zh-CN': '繁體中文', en: '繁體中文', 'zh-TW': '繁體中文' },

  'display.settings': { 'zh-CN': '显示设置', en: 'Display settings', 'zh-TW': '顯示設定' },
  'display.language': { 'zh-CN': '语言', en: 'Language', 'zh-TW': '語言' },
  'display.textSize': { 'zh-CN': '字号', en: 'Text size', 'zh-TW': '字級' },
  'display.smaller': { 'zh-CN': 'A−', en: 'A−', 'zh-TW': 'A−' },
  'display.smallerLabel': { 'zh-CN': 'A− 缩小字号', en: 'A− smaller text', 'zh-TW': 'A− 縮小字級' },
  'display.larger': { 'zh-CN': 'A+', en: 'A+', 'zh-TW': 'A+' },
  'display.largerLabel': { 'zh-CN': 'A+ 放大字号', en: 'A+ larger text', 'zh-TW': 'A+ 放大字級' },
  'display.percent': { 'zh-CN': '{percent}%', en: '{percent}%', 'zh-TW': '{percent}%' },
  'display.contrast': { 'zh-CN': '高对比度', en: 'High contrast', 'zh-TW': '高對比' },

  'common.product': { 'zh-CN': '工会成立大会选举系统', en: 'Union founding congress elections', 'zh-TW': '工會成立大會選舉系統' },
  'common.skip': { 'zh-CN': '跳到主要内容', en: 'Skip to main content', 'zh-TW': '跳至主要內容' },
  'common.loading': { 'zh-CN': '正在连接服务器……', en: 'Connecting to the server…', 'zh-TW': '正在連線伺服器……' },
  'common.retry': { 'zh-CN': '重试', en: 'Try again', 'zh-TW': '重試' },
  'transport.https': {
    'zh-CN': '加密连接（HTTPS）。服务器证书指纹：{certificate}',
    en: 'Encrypted connection (HTTPS). Server certificate fingerprint: {certificate}',
    'zh-TW': '加密連線（HTTPS）。伺服器憑證指紋：{certificate}',
  },
  'transport.httpsWithCa': {
    'zh-CN': '加密连接（HTTPS）。请与管理员打印的指纹核对——服务器证书：{certificate}；大会证书机构（CA）：{ca}',
    en: 'Encrypted connection (HTTPS). Compare with the fingerprints the administrator printed — server certificate: {certificate}; congress certificate authority (CA): {ca}',
    'zh-TW': '加密連線（HTTPS）。請與管理員列印的指紋核對——伺服器憑證：{certificate}；大會憑證機構（CA）：{ca}',
  },
  'transport.plain': {
    'zh-CN': '连接未加密（HTTP）：局域网内的任何人都能看到这里输入的密码、选票卡编码和选票。请让管理员改用 HTTPS 后再使用。',
    en: 'This connection is not encrypted (HTTP): anyone on the network can read the passwords, card codes and ballots entered here. Ask the administrator to serve HTTPS before using it.',
    'zh-TW': '連線未加密（HTTP）：區域網路內的任何人都能看到這裡輸入的密碼、選票卡編碼和選票。請讓管理員改用 HTTPS 後再使用。',
  },
  'common.updatedAt': { 'zh-CN': '更新于 {time}', en: 'Updated at {time}', 'zh-TW': '更新於 {time}' },

  'index.title': { 'zh-CN': '工会成立大会选举系统', en: 'Union founding congress elections', 'zh-TW': '工會成立大會選舉系統' },
  'index.intro': { 'zh-CN': '请选择要打开的页面。', en: 'Choose the page to open.', 'zh-TW': '請選擇要開啟的頁面。' },
  'index.pages': { 'zh-CN': '页面', en: 'Pages', 'zh-TW': '頁面' },
  'index.kiosk': { 'zh-CN': '投票机：代表在此投票', en: 'Kiosk: where delegates vote', 'zh-TW': '投票機：代表在此投票' },
  'index.desk': { 'zh-CN': '签到台：代表签到，发放并激活选票卡', en: 'Check-in desk: check delegates in, hand out and activate ballot cards', 'zh-TW': '簽到台：代表簽到，發放並啟用選票卡' },

  'card.empty': { 'zh-CN': '请扫描选票卡，或输入卡上的编码。', en: 'Scan the ballot card, or type the code printed on it.', 'zh-TW': '請掃描選票卡，或輸入卡上的編碼。' },
  'card.length': {
    'zh-CN': '选票卡编码共 21 位（不计短横线），您输入了 {length} 位。请核对后重新输入。',
    en: 'A card code has 21 characters (not counting dashes); this one has {length}. Check it and type it again.',
    'zh-TW': '選票卡編碼共 21 位（不計短橫線），您輸入了 {length} 位。請核對後重新輸入。',
  },
  'card.character': {
    'zh-CN': '选票卡编码中不会出现“{character}”。请核对这个字符后重新输入。',
    en: '“{character}” does not appear in card codes. Check that character and type the code again.',
    'zh-TW': '選票卡編碼中不會出現「{character}」。請核對這個字元後重新輸入。',
  },
  'card.check': {
    'zh-CN': '编码有误：最后一位校验码与前面的字符对不上，可能输错了一个字符。请核对后重新输入。',
    en: 'The code does not add up: its last (check) character does not match the others, so a character was probably mistyped. Check it and type it again.',
    'zh-TW': '編碼有誤：最後一位檢查碼與前面的字元對不上，可能輸錯了一個字元。請核對後重新輸入。',
  },

  'style.general': { 'zh-CN': '普通选票卡', en: 'general ballot card', 'zh-TW': '普通選票卡' },
  'style.female': { 'zh-CN': '女代表选票卡', en: 'ballot card for women delegates', 'zh-TW': '女代表選票卡' },
  'style.plenary': { 'zh-CN': '委员会全体会议选票卡', en: 'committee plenary ballot card', 'zh-TW': '委員會全體會議選票卡' },
  'style.audit_plenary': {
    'zh-CN': '经费审查委员会全体会议选票卡',
    en: 'funds audit committee meeting ballot card',
    'zh-TW': '經費審查委員會全體會議選票卡',
  },
  'style.women_plenary': {
    'zh-CN': '女职工委员会全体会议选票卡',
    en: 'women workers’ committee meeting ballot card',
    'zh-TW': '女職工委員會全體會議選票卡',
  },
  // The large mark on a card of each style but the general one (shared/card-style.js).
  'styleMark.female': { 'zh-CN': '女', en: 'W', 'zh-TW': '女' },
  'styleMark.plenary': { 'zh-CN': '委', en: 'P', 'zh-TW': '委' },
  'styleMark.audit_plenary': { 'zh-CN': '审', en: 'A', 'zh-TW': '審' },
  'styleMark.women_plenary': { 'zh-CN': '职', en: 'WP', 'zh-TW': '職' },
  'style.other': { 'zh-CN': '“{style}”选票卡', en: '“{style}” ballot card', 'zh-TW': '「{style}」選票卡' },

  'role.organiser': { 'zh-CN': '组织者', en: 'organiser', 'zh-TW': '組織者' },
  'role.desk': { 'zh-CN': '签到员', en: 'desk clerk', 'zh-TW': '簽到員' },
  'role.inspector': { 'zh-CN': '监票人', en: 'inspector', 'zh-TW': '監票人' },

  'electorate.all': { 'zh-CN': '全体代表', en: 'All delegates', 'zh-TW': '全體代表' },
  'electorate.female': { 'zh-CN': '女代表', en: 'Women delegates', 'zh-TW': '女代表' },
  'electorate.plenary': { 'zh-CN': '新一届委员会委员', en: 'Members of the new committee', 'zh-TW': '新一屆委員會委員' },
  'electorate.audit_plenary': {
    'zh-CN': '新一届经费审查委员会委员',
    en: 'Members of the new funds audit committee',
    'zh-TW': '新一屆經費審查委員會委員',
  },
  'electorate.women_plenary': {
    'zh-CN': '新一届女职工委员会委员',
    en: 'Members of the new women workers’ committee',
    'zh-TW': '新一屆女職工委員會委員',
  },

  'gender.female': { 'zh-CN': '女', en: 'F', 'zh-TW': '女' },
  'gender.male': { 'zh-CN': '男', en: 'M', 'zh-TW': '男' },

  'contestKind.chair': { 'zh-CN': '主席', en: 'Chair', 'zh-TW': '主席' },
  'contestKind.vice_chair': { 'zh-CN': '副主席', en: 'Vice-chairs', 'zh-TW': '副主席' },
  'contestKind.committee': { 'zh-CN': '工会委员会委员', en: 'Union committee', 'zh-TW': '工會委員會委員' },
  'contestKind.audit_committee': { 'zh-CN': '经费审查委员会委员', en: 'Funds audit committee', 'zh-TW': '經費審查委員會委員' },
  'contestKind.women_committee': { 'zh-CN': '女职工委员会委员', en: "Women workers' committee", 'zh-TW': '女職工委員會委員' },
  'contestKind.standing_committee': { 'zh-CN': '常务委员会委员', en: 'Standing committee', 'zh-TW': '常務委員會委員' },
  'contestKind.audit_director': { 'zh-CN': '经费审查委员会主任', en: 'Head of the funds audit committee', 'zh-TW': '經費審查委員會主任' },
  'contestKind.audit_deputy_director': {
    'zh-CN': '经费审查委员会副主任',
    en: 'Deputy head of the funds audit committee',
    'zh-TW': '經費審查委員會副主任',
  },
  'contestKind.women_director': { 'zh-CN': '女职工委员会主任', en: 'Head of the women workers’ committee', 'zh-TW': '女職工委員會主任' },
  'contestKind.other': { 'zh-CN': '其他', en: 'Other', 'zh-TW': '其他' },

  'roundKind.regular': { 'zh-CN': '选举', en: 'Election', 'zh-TW': '選舉' },
  'roundKind.tie_revote': { 'zh-CN': '对得票相等的被选举人再次投票', en: 'Re-vote among the tied candidates', 'zh-TW': '對得票相等的被選舉人再次投票' },
  'roundKind.additional': { 'zh-CN': '另行选举', en: 'Additional round', 'zh-TW': '另行選舉' },

  // What went wrong, in general; shared/api.js tries error.<place>.<code> before these.
  'error.network': {
    'zh-CN': '无法连接服务器。请稍后再试；如仍不行，请联系工作人员。',
    en: 'The server cannot be reached. Try again in a moment; if it still fails, ask a steward.',
    'zh-TW': '無法連線伺服器。請稍後再試；如仍不行，請聯絡工作人員。',
  },
  'error.timeout': {
    'zh-CN': '服务器长时间没有回应。请稍后再试；如仍不行，请联系工作人员。',
    en: 'The server did not answer in time. Try again in a moment; if it still fails, ask a steward.',
    'zh-TW': '伺服器長時間沒有回應。請稍後再試；如仍不行，請聯絡工作人員。',
  },
  'error.server': {
    'zh-CN': '服务器出错，未作任何更改。请重试；如仍不行，请把请求编号 {requestId} 告诉工作人员。',
    en: 'The server failed and changed nothing. Try again; if it still fails, give the steward the request id {requestId}.',
    'zh-TW': '伺服器出錯，未作任何更改。請重試；如仍不行，請把請求編號 {requestId} 告訴工作人員。',
  },
  'error.unknown': {
    'zh-CN': '操作未成功（状态 {status}）。请联系工作人员，请求编号 {requestId}。',
    en: 'That did not work (status {status}). Ask a steward; the request id is {requestId}.',
    'zh-TW': '操作未成功（狀態 {status}）。請聯絡工作人員，請求編號 {requestId}。',
  },
  'error.internal': {
    'zh-CN': '服务器出错，未作任何更改。请重试；如仍不行，请把请求编号 {requestId} 告诉工作人员。',
    en: 'The server failed and changed nothing. Try again; if it still fails, give the steward the request id {requestId}.',
    'zh-TW': '伺服器出錯，未作任何更改。請重試；如仍不行，請把請求編號 {requestId} 告訴工作人員。',
  },
  'error.not_found': {
    'zh-CN': '找不到所要的内容，请核对后重试。',
    en: 'That does not exist: check it and try again.',
    'zh-TW': '找不到所要的內容，請核對後重試。',
  },
  'error.not_signed_in': { 'zh-CN': '请先登录。', en: 'Please sign in first.', 'zh-TW': '請先登入。' },
  'error.wrong_role': {
    'zh-CN': '此账号无权进行这项操作。请用有相应权限的账号登录。',
    en: 'This account may not do that. Sign in with an account that may.',
    'zh-TW': '此帳號無權進行這項操作。請用有相應權限的帳號登入。',
  },
  'error.outside_scope': {
    'zh-CN': '此账号只服务于其他大会，不能处理本次大会的事务。请用本次大会的账号登录。',
    en: 'This account serves other congresses only. Sign in with an account for this congress.',
    'zh-TW': '此帳號只服務於其他大會，不能處理本次大會的事務。請用本次大會的帳號登入。',
  },
  'error.wrong_password': { 'zh-CN': '账号或密码不正确。', en: 'The name or password is wrong.', 'zh-TW': '帳號或密碼不正確。' },
  'error.too_many_attempts': {
    'zh-CN': '此账号密码输错次数过多，请 15 分钟后再试。',
    en: 'Too many wrong passwords for this account: wait 15 minutes and try again.',
    'zh-TW': '此帳號密碼輸錯次數過多，請 15 分鐘後再試。',
  },
  'error.cross_origin': {
    'zh-CN': '请求来自其他网站，已被拒绝。请直接打开本系统的页面。',
    en: 'The request came from another site and was refused. Open this system’s own page.',
    'zh-TW': '請求來自其他網站，已被拒絕。請直接開啟本系統的頁面。',
  },
  'error.bad_fields': {
    'zh-CN': '页面发送的数据有误，未被接受。请刷新页面后重试；如仍不行，请联系工作人员（请求编号 {requestId}）。',
    en: 'The page sent data the server does not accept. Reload the page and try again; if it still fails, ask a steward (request id {requestId}).',
    'zh-TW': '頁面傳送的資料有誤，未被接受。請重新整理頁面後重試；如仍不行，請聯絡工作人員（請求編號 {requestId}）。',
  },
  'error.bad_json': {
    'zh-CN': '页面发送的数据有误，未被接受。请刷新页面后重试；如仍不行，请联系工作人员（请求编号 {requestId}）。',
    en: 'The page sent data the server does not accept. Reload the page and try again; if it still fails, ask a steward (request id {requestId}).',
    'zh-TW': '頁面傳送的資料有誤，未被接受。請重新整理頁面後重試；如仍不行，請聯絡工作人員（請求編號 {requestId}）。',
  },
  'error.not_json': {
    'zh-CN': '页面发送的数据有误，未被接受。请刷新页面后重试；如仍不行，请联系工作人员（请求编号 {requestId}）。',
    en: 'The page sent data the server does not accept. Reload the page and try again; if it still fails, ask a steward (request id {requestId}).',
    'zh-TW': '頁面傳送的資料有誤，未被接受。請重新整理頁面後重試；如仍不行，請聯絡工作人員（請求編號 {requestId}）。',
  },
  'error.bad_body': {
    'zh-CN': '页面发送的数据有误，未被接受。请刷新页面后重试；如仍不行，请联系工作人员（请求编号 {requestId}）。',
    en: 'The page sent data the server does not accept. Reload the page and try again; if it still fails, ask a steward (request id {requestId}).',
    'zh-TW': '頁面傳送的資料有誤，未被接受。請重新整理頁面後重試；如仍不行，請聯絡工作人員（請求編號 {requestId}）。',
  },
  'error.too_large': {
    'zh-CN': '发送的内容太大，请分批发送。',
    en: 'That is too large to send at once: send less at a time.',
    'zh-TW': '傳送的內容太大，請分批傳送。',
  },
  'error.bad_name': {
    'zh-CN': '名称应为 1 至 64 个字符，前后不留空格。',
    en: 'A name is 1 to 64 characters, without spaces around it.',
    'zh-TW': '名稱應為 1 至 64 個字元，前後不留空格。',
  },
  'resemblance.candidate': {
    'zh-CN': '另选他人“{writeIn}”（{scripts}）与候选人“{other}”（{otherScripts}）字形相近，但不是同一个名字：计票未作改动，请监票人核对。',
    en: 'The write-in “{writeIn}” ({scripts}) looks like the candidate “{other}” ({otherScripts}) but is not the same name: the count is unchanged; scrutineers, check it.',
    'zh-TW': '另選他人「{writeIn}」（{scripts}）與候選人「{other}」（{otherScripts}）字形相近，但不是同一個名字：計票未作改動，請監票人核對。',
  },
  'resemblance.writeIn': {
    'zh-CN': '另选他人“{writeIn}”（{scripts}）与另一个另选他人“{other}”（{otherScripts}）字形相近，但按两人计票：请监票人核对。',
    en: 'The write-in “{writeIn}” ({scripts}) looks like another write-in, “{other}” ({otherScripts}), but they are counted as two people: scrutineers, check it.',
    'zh-TW': '另選他人「{writeIn}」（{scripts}）與另一個另選他人「{other}」（{otherScripts}）字形相近，但按兩人計票：請監票人核對。',
  },
  'error.name_control': {
    'zh-CN': '名称中含有看不见的控制字符，请删除后重新输入。',
    en: 'The name holds an invisible control character. Delete it and type the name again.',
    'zh-TW': '名稱中含有看不見的控制字元，請刪除後重新輸入。',
  },
  'error.name_bidi': {
    'zh-CN': '名称中含有改变文字显示方向的字符，会让名称看起来与实际不同。请删除后重新输入。',
    en: 'The name holds a character that changes the direction text is shown in, so it could look unlike what it is. Delete it and type the name again.',
    'zh-TW': '名稱中含有改變文字顯示方向的字元，會讓名稱看起來與實際不同。請刪除後重新輸入。',
  },
  'error.name_line_break': {
    'zh-CN': '名称中间含有换行或制表符。名称只能写在一行内，请重新输入。',
    en: 'The name has a line break or a tab inside it. A name is one line: type it again.',
    'zh-TW': '名稱中間含有換行或定位字元。名稱只能寫在一行內，請重新輸入。',
  },
  'error.name_empty': {
    'zh-CN': '名称是空的，或只含看不见的字符。请填写名称。',
    en: 'The name is empty, or holds only invisible characters. Type a name.',
    'zh-TW': '名稱是空的，或只含看不見的字元。請填寫名稱。',
  },
  'error.name_too_long': {
    'zh-CN': '名称太长：姓名和标题最多 64 个字符，单位、大会名称和会场最多 128 个字符。',
    en: 'The name is too long: names and titles have at most 64 characters, units and the congress’s particulars 128.',
    'zh-TW': '名稱太長：姓名和標題最多 64 個字元，單位、大會名稱和會場最多 128 個字元。',
  },
  'error.weak_password': {
    'zh-CN': '密码太容易被猜中（至少 10 个字符，且不能是常见词、键盘上连续的键、账号名或日期）。请换一个更长的密码，例如几个互不相关的词。',
    en: 'This password is too easy to guess (it needs 10 characters or more, and not a common word, a keyboard row, the account name or a date). Choose a longer one, such as a few unrelated words.',
    'zh-TW': '密碼太容易被猜中（至少 10 個字元，且不能是常見詞、鍵盤上連續的鍵、帳號名或日期）。請換一個更長的密碼，例如幾個互不相關的詞。',
  },
  'error.organiser_exists': {
    'zh-CN': '组织者账号已经存在，请直接登录。',
    en: 'An organiser account exists already: sign in instead.',
    'zh-TW': '組織者帳號已經存在，請直接登入。',
  },
  'error.bad_setup_token': {
    'zh-CN': '此设置链接无效或已过期。请重新启动服务器以获取新的链接。',
    en: 'This setup link is not valid or has expired: restart the server for a new one.',
    'zh-TW': '此設定連結無效或已過期。請重新啟動伺服器以取得新的連結。',
  },
  'error.frozen': {
    'zh-CN': '大会设置已经冻结，不能再修改。',
    en: 'The congress’s setup is frozen and cannot change.',
    'zh-TW': '大會設定已經凍結，不能再修改。',
  },
  'error.not_frozen': {
    'zh-CN': '大会设置尚未冻结。冻结之后才能打印、激活选票卡和投票。',
    en: 'The congress’s setup is not frozen yet. Cards are printed and activated, and votes cast, only after freezing.',
    'zh-TW': '大會設定尚未凍結。凍結之後才能列印、啟用選票卡和投票。',
  },
  'error.bad_congress': {
    'zh-CN': '大会名称、工会名称和会场各需 1 至 128 个字符。',
    en: 'The name, the union and the venue each need 1 to 128 characters.',
    'zh-TW': '大會名稱、工會名稱和會場各需 1 至 128 個字元。',
  },
  'error.bad_date': { 'zh-CN': '日期请按“年-月-日”填写，例如 2026-11-28。', en: 'Write the date as YYYY-MM-DD, such as 2026-11-28.', 'zh-TW': '日期請按「年-月-日」填寫，例如 2026-11-28。' },
  'error.bad_members': { 'zh-CN': '会员人数至少为 1。', en: 'The membership must be at least 1.', 'zh-TW': '會員人數至少為 1。' },
  'error.bad_roster': {
    'zh-CN': '名册文件有错误，整个文件未被导入。请按所列行号改正后重新导入。',
    en: 'The roster file has errors and nothing was imported. Correct the lines listed and import it again.',
    'zh-TW': '名冊檔案有錯誤，整個檔案未被匯入。請按所列行號改正後重新匯入。',
  },
  'error.roster_in_use': {
    'zh-CN': '已有代表签到，名册不能整体替换。',
    en: 'Delegates are checked in already, so the roster cannot be replaced.',
    'zh-TW': '已有代表簽到，名冊不能整體替換。',
  },
  'error.bad_number': { 'zh-CN': '代表编号的格式不正确。', en: 'That is not a delegate number.', 'zh-TW': '代表編號的格式不正確。' },
  'error.delegate_in_use': {
    'zh-CN': '这位代表是候选人或监票人，不能删除。',
    en: 'This delegate is a candidate or a scrutineer and cannot be removed.',
    'zh-TW': '這位代表是候選人或監票人，不能刪除。',
  },
  'error.bad_contest': { 'zh-CN': '选举项目的设置有误。', en: 'The contest is not set up right.', 'zh-TW': '選舉項目的設定有誤。' },
  'error.bad_contest_id': {
    'zh-CN': '选举项目的标识只能使用字母、数字、“-”和“_”。',
    en: 'A contest’s id uses letters, digits, “-” and “_” only.',
    'zh-TW': '選舉項目的標識只能使用字母、數字、「-」和「_」。',
  },
  'error.unknown_delegate': { 'zh-CN': '名册中没有这位代表。', en: 'That delegate is not on the roster.', 'zh-TW': '名冊中沒有這位代表。' },
  'error.duplicate_candidate': { 'zh-CN': '同一候选人被列了两次。', en: 'A candidate is listed twice.', 'zh-TW': '同一候選人被列了兩次。' },
  'error.duplicate_scrutineer': { 'zh-CN': '同一监票人被列了两次。', en: 'A scrutineer is listed twice.', 'zh-TW': '同一監票人被列了兩次。' },
  'error.not_ready': {
    'zh-CN': '大会设置还有问题，不能冻结。请先逐项解决检查中列出的问题。',
    en: 'The setup still has problems and cannot be frozen. Resolve each problem the validation lists first.',
    'zh-TW': '大會設定還有問題，不能凍結。請先逐項解決檢查中列出的問題。',
  },
  'error.bad_count': { 'zh-CN': '每批可打印 1 至 1000 张选票卡。', en: 'Print 1 to 1000 cards at a time.', 'zh-TW': '每批可列印 1 至 1000 張選票卡。' },
  'error.unknown_style': { 'zh-CN': '本次大会没有这种选票卡。', en: 'This congress has no such ballot card style.', 'zh-TW': '本次大會沒有這種選票卡。' },
  'error.bad_card': {
    'zh-CN': '无法识别这张选票卡。请重新扫描，或输入卡上印的编码。',
    en: 'This ballot card cannot be read. Scan it again, or type the code printed on it.',
    'zh-TW': '無法識別這張選票卡。請重新掃描，或輸入卡上印的編碼。',
  },
  'error.wrong_congress': {
    'zh-CN': '这张选票卡属于另一次大会，不能在此使用。',
    en: 'This ballot card belongs to another congress and cannot be used here.',
    'zh-TW': '這張選票卡屬於另一次大會，不能在此使用。',
  },
  'error.card_void': {
    'zh-CN': '这张选票卡所属的一批已经作废。请另发一张。',
    en: 'This card’s batch was voided. Hand over another card.',
    'zh-TW': '這張選票卡所屬的一批已經作廢。請另發一張。',
  },
  'error.card_active': {
    'zh-CN': '这张选票卡已经激活过了。请另发一张未使用的选票卡。',
    en: 'This card is active already. Hand over an unused card.',
    'zh-TW': '這張選票卡已經啟用過了。請另發一張未使用的選票卡。',
  },
  'error.card_issued': {
    'zh-CN': '这位代表已经领取并激活了选票卡，签到不能撤销。',
    en: 'This delegate already holds an active ballot card, so the check-in stands.',
    'zh-TW': '這位代表已經領取並啟用了選票卡，簽到不能撤銷。',
  },
  'error.style_full': {
    'zh-CN': '已签到的此类代表都已领到这种选票卡。请先为代表签到，或改发与代表相符的选票卡。',
    en: 'Every delegate present who takes this kind of card has one. Check the delegate in first, or hand over the card of the delegate’s own kind.',
    'zh-TW': '已簽到的此類代表都已領到這種選票卡。請先為代表簽到，或改發與代表相符的選票卡。',
  },
  'error.not_a_kiosk': {
    'zh-CN': '本设备尚未登记为投票机。请输入组织者提供的配对码。',
    en: 'This device is not an enrolled kiosk. Enter the pairing code the organiser gives you.',
    'zh-TW': '本裝置尚未登記為投票機。請輸入組織者提供的配對碼。',
  },
  'error.bad_path': {
    'zh-CN': '这个网址不对（其中的编号或数字有误）。请从页面上的链接重新打开。',
    en: 'This address is not right (a number or id in it is wrong). Open it again from a link on the page.',
    'zh-TW': '這個網址不對（其中的編號或數字有誤）。請從頁面上的連結重新開啟。',
  },
  'error.busy': {
    'zh-CN': '服务器正忙于核对其他密码，请几秒钟后再试。',
    en: 'The server is busy checking other passwords: try again in a few seconds.',
    'zh-TW': '伺服器正忙於核對其他密碼，請幾秒鐘後再試。',
  },
  'error.kiosk_expired': {
    'zh-CN': '本投票机的登记已满 24 小时失效。请输入组织者提供的新配对码。',
    en: 'This kiosk’s enrolment has ended after 24 hours. Enter a new pairing code from the organiser.',
    'zh-TW': '本投票機的登記已滿 24 小時失效。請輸入組織者提供的新配對碼。',
  },
  'error.kiosk_disabled': {
    'zh-CN': '本投票机已被组织者停用。请到其他投票机投票，或联系工作人员。',
    en: 'This kiosk has been disabled by the organiser. Vote at another kiosk, or ask a steward.',
    'zh-TW': '本投票機已被組織者停用。請到其他投票機投票，或聯絡工作人員。',
  },
  'error.no_open_round': {
    'zh-CN': '现在没有进行中的投票。请等待大会主持人宣布开始投票。',
    en: 'No vote is open now. Wait until the chair opens the vote.',
    'zh-TW': '現在沒有進行中的投票。請等待大會主持人宣布開始投票。',
  },
  'error.card_inactive': {
    'zh-CN': '这张选票卡还没有在签到台激活。请先到签到台签到领卡。',
    en: 'This ballot card has not been activated at the check-in desk. Go to the desk first.',
    'zh-TW': '這張選票卡還沒有在簽到台啟用。請先到簽到台簽到領卡。',
  },
  'error.not_in_round': {
    'zh-CN': '本轮投票不使用这种选票卡。请联系工作人员。',
    en: 'This kind of card does not vote in the open round. Ask a steward.',
    'zh-TW': '本輪投票不使用這種選票卡。請聯絡工作人員。',
  },
  'error.card_spent': {
    'zh-CN': '这张选票卡在本轮已经投过票，不能再投。请保管好它：如果还有下一轮投票，仍用这张卡。',
    en: 'This card has already voted in this round and cannot vote again. Keep it: if there is a further round, it votes with this card.',
    'zh-TW': '這張選票卡在本輪已經投過票，不能再投。請保管好它：如果還有下一輪投票，仍用這張卡。',
  },
  'error.ambiguous_receipt': {
    'zh-CN': '有两张选票的回执码前 12 位相同，无法分辨。请输入完整回执码（64 位），或扫描回执上的二维码。',
    en: 'Two ballots share this 12-character receipt, so it cannot tell which is yours. Enter the full receipt (64 characters), or scan the QR code on your receipt.',
    'zh-TW': '有兩張選票的回執碼前 12 位相同，無法分辨。請輸入完整回執碼（64 位），或掃描回執上的二維碼。',
  },
  'error.bad_host': {
    'zh-CN': '请求的主机地址无效。请用服务器的地址打开本页。',
    en: 'The request’s host is not valid. Open this page at the server’s address.',
    'zh-TW': '請求的主機位址無效。請用伺服器的位址開啟本頁。',
  },
  'error.round_closed': {
    'zh-CN': '本轮投票已经结束，这张选票没有被计入。',
    en: 'This round has closed; this ballot was not counted.',
    'zh-TW': '本輪投票已經結束，這張選票沒有被計入。',
  },
  'error.salt_reused': {
    'zh-CN': '投票机需要重新提交这张选票，请再按一次“确认投票”。',
    en: 'The kiosk needs to send this ballot again: press “Cast my ballot” once more.',
    'zh-TW': '投票機需要重新提交這張選票，請再按一次「確認投票」。',
  },
  'error.not_recorded': {
    'zh-CN': '选票还没有被记录，请再按一次“确认投票”。',
    en: 'The ballot was not recorded yet: press “Cast my ballot” once more.',
    'zh-TW': '選票還沒有被記錄，請再按一次「確認投票」。',
  },
  'error.over_vote': {
    'zh-CN': '有一项选的人数超过了应选人数，选票未被接受。请修改后重新投票。',
    en: 'One contest has more persons chosen than it has seats, so the ballot was not accepted. Change it and cast again.',
    'zh-TW': '有一項選的人數超過了應選人數，選票未被接受。請修改後重新投票。',
  },
  'error.wrong_contests': {
    'zh-CN': '选票内容与本轮投票不符，未被接受。请联系工作人员。',
    en: 'The ballot does not match the open round and was not accepted. Ask a steward.',
    'zh-TW': '選票內容與本輪投票不符，未被接受。請聯絡工作人員。',
  },
  'error.bad_marks': {
    'zh-CN': '选票上的标记无法识别，未被接受。请检查后重新投票；如仍不行，请联系工作人员。',
    en: 'The ballot’s marks cannot be read and it was not accepted. Check it and cast again; if it still fails, ask a steward.',
    'zh-TW': '選票上的標記無法識別，未被接受。請檢查後重新投票；如仍不行，請聯絡工作人員。',
  },
  'error.bad_ballot': {
    'zh-CN': '选票无法记录，未被接受。请联系工作人员。',
    en: 'The ballot cannot be recorded and was not accepted. Ask a steward.',
    'zh-TW': '選票無法記錄，未被接受。請聯絡工作人員。',
  },
  'error.no_quorum': {
    'zh-CN': '实到人数不足应到人数的三分之二，不能开始投票。请继续为代表签到。',
    en: 'Fewer than two thirds of those entitled are present, so the vote cannot open. Check in more delegates.',
    'zh-TW': '實到人數不足應到人數的三分之二，不能開始投票。請繼續為代表簽到。',
  },
  'error.rules': {
    'zh-CN': '按照选举规则，这项操作现在不能进行。',
    en: 'The election rules do not allow that now.',
    'zh-TW': '按照選舉規則，這項操作現在不能進行。',
  },
  'error.published': {
    'zh-CN': '选举结果已经公布，不能再投票或作出决定。',
    en: 'The result is published: nothing more can be voted or decided.',
    'zh-TW': '選舉結果已經公布，不能再投票或作出決定。',
  },
  'error.not_published': { 'zh-CN': '选举结果尚未公布。', en: 'The result is not published yet.', 'zh-TW': '選舉結果尚未公布。' },
  'error.round_open': {
    'zh-CN': '还有一轮投票没有结束，请先结束该轮投票。',
    en: 'A round is still open: close it first.',
    'zh-TW': '還有一輪投票沒有結束，請先結束該輪投票。',
  },
  'error.no_committee': {
    'zh-CN': '工会委员会选出之后，才能召开委员会全体会议。',
    en: 'The committee’s plenary sits once the committee is elected.',
    'zh-TW': '工會委員會選出之後，才能召開委員會全體會議。',
  },
  'error.no_members': {
    'zh-CN': '该委员会选出之后，才能召开其全体会议。',
    en: 'A committee’s first meeting sits once its members are elected.',
    'zh-TW': '該委員會選出之後，才能召開其全體會議。',
  },
  'error.bad_key': { 'zh-CN': '公钥的格式不正确。', en: 'That is not a public key.', 'zh-TW': '公鑰的格式不正確。' },
  'error.bad_signature': { 'zh-CN': '签名无法验证。', en: 'The signature does not verify.', 'zh-TW': '簽名無法驗證。' },
  'error.bad_receipt': {
    'zh-CN': '回执码的格式不正确：应为 12 位回执码（形如 7K3M-Q9XF-2ABD），或 64 位十六进制的完整回执码。',
    en: 'That is not a receipt: a receipt is 12 characters (like 7K3M-Q9XF-2ABD), or the full receipt of 64 hexadecimal characters.',
    'zh-TW': '回執碼的格式不正確：應為 12 位回執碼（形如 7K3M-Q9XF-2ABD），或 64 位十六進位的完整回執碼。',
  },
};
