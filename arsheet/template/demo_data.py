"""The demo book's cast: customers, staff, what is sold, and what collectors write down.

Kept apart from :mod:`arsheet.template.demo`, which decides who buys what and who pays when.
Every e-mail domain is under ``.example`` (RFC 2606).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCustomer:
    """One demo customer's fixed details."""

    name: str
    language: str
    contact: str
    phone: str
    email: str
    address: str


# name | language | contact | phone | e-mail (before .example) | address
_CUSTOMERS = """
上海华联贸易有限公司|zh|王磊|021-6235 1180|finance@hualian-trade|上海市黄浦区南京东路 288 号
深圳市恒信电子科技有限公司|zh|陈晓明|0755-8612 4477|ar@hengxin|深圳市南山区科技园南区 12 栋
北京中科信达软件有限公司|zh|刘洋|010-8253 9061|caiwu@zkxd|北京市海淀区中关村大街 27 号
广州美佳日用品有限公司|zh|黄丽|020-3886 2210|pay@meijia|广州市天河区体育西路 101 号
杭州绿源农业发展有限公司|zh|张建国|0571-8765 3302|zjg@lvyuan|杭州市西湖区文三路 90 号
成都天府餐饮管理有限公司|zh|李娟|028-8661 7745|lijuan@tianfu|成都市锦江区春熙路 66 号
苏州精工机械制造有限公司|zh|周强|0512-6588 1290|zhouq@jinggong|苏州工业园区星湖街 328 号
武汉长江物流有限公司|zh|吴斌|027-8577 6631|wubin@cj-logistics|武汉市江汉区建设大道 568 号
南京金陵印务有限公司|zh|孙敏|025-8471 5523|sunmin@jinling|南京市秦淮区中山南路 49 号
天津海港建材有限公司|zh|赵刚|022-2536 4418|zhaog@haigang|天津市滨海新区港城大道 7 号
重庆渝新汽配有限公司|zh|郑伟|023-6789 2205|zhengw@yuxin|重庆市渝北区金开大道 88 号
西安秦风文化传媒有限公司|zh|马丽华|029-8836 1147|malh@qinfeng|西安市雁塔区高新路 52 号
青岛蓝海水产有限公司|zh|高峰|0532-8577 9920|gaof@lanhai|青岛市市南区香港中路 18 号
厦门鹭岛进出口有限公司|zh|林志强|0592-5123 6678|linzq@ludao|厦门市思明区湖滨北路 31 号
宁波东方纺织有限公司|zh|徐静|0574-8730 4456|xujing@dongfang|宁波市鄞州区天童南路 588 号
长沙湘江医疗器械有限公司|zh|何勇|0731-8456 2239|heyong@xjmed|长沙市岳麓区麓谷大道 627 号
郑州中原食品有限公司|zh|罗芳|0371-6596 3381|luof@zyfood|郑州市金水区花园路 139 号
合肥科创新材料有限公司|zh|谢东|0551-6531 7702|xied@kcmat|合肥市高新区望江西路 800 号
昆明彩云旅游服务有限公司|zh|韩雪|0871-6312 8854|hanxue@caiyun|昆明市五华区东风西路 11 号
大连北方船舶配件有限公司|zh|曹军|0411-8276 5519|caojun@bfmarine|大连市中山区人民路 23 号
Northwind Traders Ltd|en|Nancy Davolio|+44 20 7946 0321|accounts@northwind|14 Garrett Hill, London
Harbour Lights Trading|en|Kenneth Wong|+852 2123 4567|ap@harbour|88 Queen's Road, Hong Kong
Blue Ridge Outfitters Inc.|en|Sarah Miller|+1 828-555-0142|ap@blueridge|210 Haywood St, Asheville NC
Contoso Pharmaceuticals|en|Daniel Reyes|+1 425-555-0187|ap@contoso|400 Lakeview Dr, Redmond WA
Fabrikam Furniture Ltd|en|Olivia Brown|+44 161 496 0733|finance@fabrikam|5 Deansgate, Manchester
Pacific Rim Foods Pty Ltd|en|Liam Walker|+61 2 5550 1930|accounts@pacrim|77 Harris St, Sydney NSW
Lakeside Engineering GmbH|en|Jonas Becker|+49 30 5557 2281|buchhaltung@lakeside|Seestraße 12, Berlin
Maple Leaf Paper Corp.|en|Emily Tremblay|+1 514-555-0166|ar@mapleleaf|300 Rue Peel, Montréal QC
Silverline Electronics Pte Ltd|en|Rajesh Kumar|+65 6555 0148|finance@silverline|10 Ang Mo Kio St 65
Greenfield Organics LLC|en|Megan Foster|+1 503-555-0119|billing@greenfield|1500 Water Ave, Portland
Sterling & Rowe LLP|en|James Sterling|+44 131 496 0288|accounts@sterling|22 George St, Edinburgh
Adventure Works Cycles|en|Michael Chen|+1 206-555-0175|ap@adventure-works|820 Pine St, Seattle WA
Oceanic Shipping Agency|en|Hiroshi Tanaka|+81 3-5555-0192|accounts@oceanic|2-1 Kaigan, Minato, Tokyo
Redwood Construction Ltd|en|Aisha Patel|+44 121 496 0455|payables@redwood|9 Colmore Row, Birmingham
Summit Medical Supplies|en|Laura Schmidt|+1 303-555-0133|finance@summitmed|1700 Lincoln St, Denver
Tailspin Toys Ltd|en|Tom Hughes|+64 9 555 0127|accounts@tailspin|45 Queen St, Auckland
"""

CUSTOMERS: tuple[DemoCustomer, ...] = tuple(
    DemoCustomer(name, language, contact, phone, f"{mailbox}.example", address)
    for name, language, contact, phone, mailbox, address in (
        line.split("|") for line in _CUSTOMERS.strip().splitlines()
    )
)

#: The collectors who own customers and write the collection log.
OWNERS = {"en": ("Li Na", "Zhang Wei", "Chen Jing"), "zh": ("李娜", "张伟", "陈静")}

#: The seller, for the Settings sheet.
COMPANY = {
    "en": {
        "company_name": "Mingyuan Trading Co., Ltd.",
        "company_address": "18 Wensan Road, Xihu District, Hangzhou",
        "company_phone": "+86 571 8888 6600",
        "company_email": "ar@mingyuan-trading.example",
        "bank_details": "ICBC Hangzhou, 1202 0212 0900 1234 567",
    },
    "zh": {
        "company_name": "杭州明远商贸有限公司",
        "company_address": "杭州市西湖区文三路 18 号",
        "company_phone": "0571-8888 6600",
        "company_email": "ar@mingyuan-trading.example",
        "bank_details": "工商银行杭州分行 1202 0212 0900 1234 567",
    },
}

#: What invoices are for; ``{month}`` is the invoice's month and ``{n}`` a batch number.
DESCRIPTIONS = {
    "en": (
        "Office paper A4, 200 reams",
        "Corrugated cartons, 5,000 pcs",
        "Freight and handling",
        "LED panels, 120 units",
        "Maintenance service, month {month}",
        "Printing: product brochures",
        "Stainless fittings, batch {n}",
        "Packaging film, 80 rolls",
        "Consulting, month {month}",
        "Spare parts order {n}",
    ),
    "zh": (
        "A4 复印纸 200 箱",
        "瓦楞纸箱 5000 只",
        "运输及装卸费",
        "LED 面板 120 件",
        "{month}月维护服务费",
        "产品宣传册印刷",
        "不锈钢管件 第{n}批",
        "包装膜 80 卷",
        "{month}月咨询服务费",
        "备品备件订单 {n}",
    ),
}

#: Free text of the demo's special cases, by language.
TEXT = {
    "en": {
        "rebate": "Volume rebate, Q{quarter}",
        "return": "Goods returned: 10 cartons damaged in transit",
        "disputed": "Customer disputes quantity delivered; awaiting proof of delivery",
        "written_off": "Company deregistered; written off with the CFO's approval",
        "overpaid": "Paid the freight twice; refund or keep on account",
        "plan_note": "Instalment {n} of {count}",
        "plan_customer": "On a payment plan; reminders paused",
        "lump": "Pays monthly by statement",
        "agreed_plan": "Agreed a {count}-instalment plan for the overdue invoice",
        "dispute_call": "{contact} says the delivery was short; sent the signed delivery note",
        "promise": "{contact} confirmed the invoice is approved; payment scheduled",
        "after_close": "{contact} will pay after the month-end close",
        "statement": "Sent a statement and a copy of the invoice",
        "voicemail": "Left a voicemail for {contact}",
        "notice": "{level} sent by e-mail: {document}",
    },
    "zh": {
        "rebate": "第{quarter}季度销量返利",
        "return": "退货：运输途中损坏 10 箱",
        "disputed": "客户对交货数量有异议，等待签收单",
        "written_off": "客户已注销，经财务总监批准核销",
        "overpaid": "运费重复支付，待退款或留作预收",
        "plan_note": "第 {n} 期，共 {count} 期",
        "plan_customer": "执行付款计划中，暂停催收",
        "lump": "按月对账付款",
        "agreed_plan": "就逾期发票约定分 {count} 期付款",
        "dispute_call": "{contact}称到货数量不足，已发送签收单",
        "promise": "{contact}确认发票已审批，已安排付款",
        "after_close": "{contact}表示月末结账后付款",
        "statement": "已发送对账单及发票副本",
        "voicemail": "未接通，已给{contact}留言",
        "notice": "已通过邮件发送{level}：{document}",
    },
}
