#pragma once
// Chinese web-map coordinate systems. GCJ-02 (国测局坐标, used by Amap/Tencent) is WGS84 with a
// deliberate non-linear offset of a few hundred metres inside China; BD-09 (Baidu) is a further
// rotation and shift of GCJ-02. Forward formulas are the widely published ones; the inverses
// iterate the forward formula until the round trip is below 1e-9 degrees (~0.1 mm).
#include "core/geometry.hpp"

namespace coverplan {

struct LonLat {
    double lon = 0;
    double lat = 0;
};

bool in_china_bbox(LonLat p);  // the offset is only applied inside this box
LonLat wgs84_to_gcj02(LonLat p);
LonLat gcj02_to_wgs84(LonLat p);
LonLat gcj02_to_bd09(LonLat p);
LonLat bd09_to_gcj02(LonLat p);
LonLat bd09_to_wgs84(LonLat p);

}  // namespace coverplan
